/**
 * `npm start`: the local cluster (state kept in --data) with the KataConfig CRD, the reconciler, the plugin
 * build in watch mode, the host shell, and the dev server; Ctrl-C stops all of it.
 * `--target URL` uses that Kubernetes API instead and starts neither cluster nor reconciler.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:https';
import { join, resolve } from 'node:path';
import { kataConfigCrd } from '../shared/kataconfig/crd';
import type { BuildHandle } from './build';
import { watchHost, watchPlugin } from './build';
import type { DevConsoleOptions } from './options';
import { parseArgs, START_FLAGS, START_USAGE, UsageError } from './options';
import { targetFromKubeconfig } from './server/kubeconfig';
import type { ProxyTarget } from './server/kubeconfig';
import { pluginName } from './server/main';
import type { DevServer } from './server/server';
import { startDevServer } from './server/server';

const root = resolve(__dirname, '../..');
const tsNode = [join(root, 'node_modules', 'ts-node', 'register')];

/** Everything to stop on Ctrl-C, last started first. */
const stoppers: (() => Promise<void>)[] = [];

const log = (message: string) => {
  process.stderr.write(`${message}\n`);
};

const stopChild = (child: ChildProcess, name: string) => async () => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGINT');
  });
  log(`${name} stopped`);
};

const runTs = (script: string, args: string[], name: string): ChildProcess => {
  const child = spawn(process.execPath, ['-r', ...tsNode, join(root, script), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  const forward = (chunk: Buffer) => {
    process.stderr.write(prefix(chunk));
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  return child;
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const clusterReady = (url: string, caPem: string): Promise<boolean> =>
  new Promise((done) => {
    const req = request(`${url}/readyz`, { ca: caPem, timeout: 2000 }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    req.on('error', () => {
      done(false);
    });
    req.on('timeout', () => {
      req.destroy();
    });
    req.end();
  });

/** Starts `src/cluster/main.ts` as a child (the dev console does not import the cluster). */
const startCluster = async (options: DevConsoleOptions): Promise<string> => {
  const dataDir = resolve(root, options.dataDir);
  const child = runTs(
    'src/cluster/main.ts',
    ['--port', String(options.clusterPort), '--data', dataDir],
    'cluster',
  );
  stoppers.push(stopChild(child, 'local cluster'));
  const status = { exited: false };
  child.once('exit', () => {
    status.exited = true;
  });
  const kubeconfig = join(dataDir, 'kubeconfig');
  const started = Date.now();
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  for (;;) {
    if (status.exited)
      throw new Error('the local cluster exited during start-up (see [cluster] above)');
    if (Date.now() - started > 60_000) throw new Error('the local cluster did not start in 60 s');
    const url = /listening on (https:\/\/\S+)/.exec(output)?.[1];
    if (url && existsSync(kubeconfig)) {
      const { caPem } = targetFromKubeconfig(kubeconfig, options.user);
      if (caPem && (await clusterReady(url, caPem))) return kubeconfig;
    }
    await sleep(200);
  }
};

/**
 * Installs the KataConfig CRD on the local cluster, as the chart does with `crd.install=true`
 * (on a real cluster the operator or the chart owns it). Creating it again is a no-op.
 */
const installKataConfigCrd = (kubeconfig: string): Promise<void> => {
  const { url, caPem, token } = targetFromKubeconfig(kubeconfig, 'admin');
  const body = JSON.stringify(kataConfigCrd());
  return new Promise((done, fail) => {
    const req = request(
      `${url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`,
      {
        method: 'POST',
        ca: caPem,
        headers: {
          authorization: `Bearer ${token ?? ''}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          if (res.statusCode === 201 || res.statusCode === 409) done();
          else fail(new Error(`installing the KataConfig CRD: ${res.statusCode ?? 0} ${text}`));
        });
      },
    );
    req.on('error', fail);
    req.end(body);
  });
};

/** The bundled reconciler, against the local cluster. */
const startReconciler = (kubeconfig: string) => {
  const child = runTs('src/reconciler/main.ts', ['--kubeconfig', kubeconfig], 'reconciler');
  stoppers.push(stopChild(child, 'reconciler'));
};

const watchBuilds = async (pluginDist: string, hostDist: string) => {
  const announce = (name: string) => (failure: string | null) => {
    log(failure ?? `${name} built`);
  };
  const handles: BuildHandle[] = await Promise.all([
    watchPlugin(pluginDist, announce('plugin')),
    watchHost(hostDist, announce('host shell')),
  ]);
  for (const handle of handles) stoppers.push(handle.close);
};

const main = async () => {
  const options = parseArgs(process.argv.slice(2), START_FLAGS);
  if (options.help) {
    log(START_USAGE);
    return;
  }
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    let target: ProxyTarget;
    let kubeconfig: string | null = null;
    if (options.target) {
      target = { url: options.target };
      log(`using the cluster at ${options.target}; no local cluster or reconciler`);
    } else {
      kubeconfig = await startCluster(options);
      target = targetFromKubeconfig(kubeconfig, options.user);
      await installKataConfigCrd(kubeconfig);
      startReconciler(kubeconfig);
    }
    const pluginDist = join(root, 'dist');
    const hostDist = join(root, '.local', 'dev-console', 'host');
    log('building the plugin (watch mode) and the host shell...');
    await watchBuilds(pluginDist, hostDist);
    const server: DevServer = await startDevServer({
      port: options.port,
      pluginName: pluginName(),
      pluginDist,
      hostDist,
      target,
    });
    stoppers.push(server.close);
    const url = server.url.replace('127.0.0.1', 'localhost');
    log('');
    log(`Dev console: ${url}  (as ${options.target ? 'the proxy user' : options.user})`);
    if (kubeconfig) {
      log(`kubectl:     export KUBECONFIG=${kubeconfig}; kubectl get kataconfigs`);
      log('             (context kata-local-viewer is the read-only user)');
    }
    log('Stop everything with Ctrl-C.');
  } catch (error) {
    log(`npm start: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
};

if (require.main === module) {
  main().catch((error: unknown) => {
    log(`npm start: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) log(START_USAGE);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
