/**
 * The whole dev stack for browser tests: a local cluster on a free port with a temporary data
 * directory, the plugin and the host built once per set of sources (cached under
 * node_modules/.cache, shared by every spec file of a run), a dev server per user
 * (admin and the read-only viewer), and Debian's Chromium through playwright-core.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';
import type { LocalCluster } from '../../src/cluster/cluster';
import { startLocalCluster } from '../../src/cluster/cluster';
import type { DevServer } from '../../src/dev-console/server/server';
import { startDevServer } from '../../src/dev-console/server/server';
import { kataConfigCrd } from '../../src/shared/kataconfig/crd';

export const CHROMIUM = '/usr/bin/chromium';
const root = resolve(__dirname, '../..');
export const SCREENSHOTS = join(root, 'integration-tests', 'results', 'screenshots');

/**
 * Divides the MCO simulator's durations: a worker takes about 20 s / MCO_SPEED to update, so the
 * KataConfig stays Installing long enough for the list to show it, then turns Installed.
 */
export const MCO_SPEED = 20;

export interface Stack {
  cluster: LocalCluster;
  admin: DevServer;
  viewer: DevServer;
  browser: Browser;
  stop: () => Promise<void>;
}

/** Fails (never skips) when Chromium is missing, saying how to install it. */
export const requireChromium = (): void => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}; the browser tests need it: apt-get install -y chromium`,
    );
  }
};

const build = (pluginOut: string, hostOut: string): Promise<void> =>
  new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register', 'src/dev-console/build.ts', pluginOut, hostOut],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      if (code === 0) done();
      else fail(new Error(`dev console build failed (exit ${code}):\n${output}`));
    });
  });

/** Where built plugin and host trees are kept between runs, one folder per build key. */
export const BUILD_CACHE = join(root, 'node_modules', '.cache', 'kata-browser-build');

/** Everything the plugin and host builds read from the repository (tests excluded). */
const BUILD_INPUT_DIRS = ['src/plugin', 'src/shared', 'src/dev-console', 'locales'];
const BUILD_INPUT_FILES = [
  'package.json',
  'package-lock.json',
  'console-extensions.json',
  'webpack.config.ts',
  'tsconfig.json',
];
// Sources change often while several people work in one tree; a build is ~35 MB.
const CACHE_MAX_AGE_MS = 60 * 60 * 1000;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return /\.spec\.tsx?$/.test(entry.name) ? [] : [path];
  });

/** A hash of the build's inputs: equal keys mean the same plugin and host. */
export const buildKey = (): string => {
  const hash = createHash('sha256');
  const files = [
    ...BUILD_INPUT_DIRS.flatMap((dir) =>
      existsSync(join(root, dir)) ? filesUnder(join(root, dir)) : [],
    ),
    ...BUILD_INPUT_FILES.map((file) => join(root, file)).filter((file) => existsSync(file)),
  ].sort();
  for (const file of files) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
};

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Removes cached builds nobody has started a run with for an hour (runs take minutes). */
const pruneBuildCache = (keep: string): void => {
  for (const entry of readdirSync(BUILD_CACHE)) {
    const path = join(BUILD_CACHE, entry);
    if (entry === keep || entry.endsWith('.lock')) continue;
    if (Date.now() - statSync(path).mtimeMs > CACHE_MAX_AGE_MS) {
      rmSync(path, { recursive: true, force: true });
    }
  }
};

/**
 * The plugin and host built from the current sources, built at most once for all spec files of
 * a Jest run (and reused by later runs while the sources are unchanged): the first caller takes
 * a lock folder and builds, the others wait for the result.
 */
export const cachedBuild = async (): Promise<{ pluginDist: string; hostDist: string }> => {
  mkdirSync(BUILD_CACHE, { recursive: true });
  const key = buildKey();
  const done = join(BUILD_CACHE, key);
  const lock = `${done}.lock`;
  const result = { pluginDist: join(done, 'plugin'), hostDist: join(done, 'host') };
  for (;;) {
    if (existsSync(join(done, 'complete'))) {
      const now = new Date();
      utimesSync(done, now, now);
      return result;
    }
    try {
      mkdirSync(lock);
    } catch {
      // Another spec file builds this key; take over only if its process died.
      const owner = Number.parseInt(readFileSafe(join(lock, 'pid')), 10);
      if (Number.isFinite(owner) && !isRunning(owner))
        rmSync(lock, { recursive: true, force: true });
      await new Promise((wait) => setTimeout(wait, 500));
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      const staging = `${done}.${process.pid}.tmp`;
      rmSync(staging, { recursive: true, force: true });
      await build(join(staging, 'plugin'), join(staging, 'host'));
      writeFileSync(join(staging, 'complete'), new Date().toISOString());
      rmSync(done, { recursive: true, force: true });
      renameSync(staging, done);
      pruneBuildCache(key);
      return result;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
};

const readFileSafe = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

export const startStack = async (): Promise<Stack> => {
  requireChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'kata-browser-'));
  const [cluster, { pluginDist, hostDist }] = await Promise.all([
    startLocalCluster({
      dataDir: join(work, 'cluster'),
      port: 0,
      bookmarkIntervalMs: 1000,
      mcoSimulator: true,
      workers: 2,
      speed: MCO_SPEED,
    }),
    cachedBuild(),
  ]);
  const server = (token: string) =>
    startDevServer({
      port: 0,
      pluginName: 'kata-console-plugin',
      pluginDist,
      hostDist,
      target: { url: cluster.url, caPem: cluster.caPem, token },
    });
  const [admin, viewer] = await Promise.all([
    server(cluster.tokens.admin),
    server(cluster.tokens.viewer),
  ]);
  // Console and the plugin mark elements with data-test, not Playwright's default data-testid.
  selectors.setTestIdAttribute('data-test');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    cluster,
    admin,
    viewer,
    browser,
    stop: async () => {
      await browser.close();
      await Promise.all([admin.close(), viewer.close()]);
      await cluster.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
};

export interface Reconciler {
  /** Everything the reconciler printed, for a failing test's message. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * The bundled reconciler as a child process against the local cluster, as `npm start` runs it,
 * with its HTTP endpoints on ports the OS picks.
 */
export const startReconciler = (cluster: LocalCluster): Reconciler => {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register',
      'src/reconciler/main.ts',
      '--kubeconfig',
      cluster.kubeconfigPath,
      '--health-port',
      '0',
      '--metrics-port',
      '0',
      '--bind-address',
      '127.0.0.1',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      done();
    }),
  );
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
};

/** A request to the cluster as admin (what kubectl would send). */
export const api = (
  cluster: LocalCluster,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<unknown> =>
  new Promise((done, fail) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${cluster.url}${path}`,
      {
        method,
        ca: cluster.caPem,
        headers: {
          authorization: `Bearer ${cluster.tokens.admin}`,
          accept: 'application/json',
          ...(payload ? { 'content-type': contentType } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 300)
            fail(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
          else done(text ? (JSON.parse(text) as unknown) : undefined);
        });
      },
    );
    req.on('error', fail);
    req.end(payload);
  });

/** A JSON merge patch to the cluster as admin. */
export const mergePatch = (cluster: LocalCluster, path: string, patch: unknown): Promise<unknown> =>
  api(cluster, 'PATCH', path, patch, 'application/merge-patch+json');

/** Installs the KataConfig CRD, as the operator's install would. */
export const installKataConfigCrd = (cluster: LocalCluster): Promise<unknown> =>
  api(cluster, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', kataConfigCrd());

export const KATACONFIGS = '/apis/kataconfiguration.openshift.io/v1/kataconfigs';

/** Creates a KataConfig named `name` with the given spec (none: the operator's defaults). */
export const createKataConfig = (
  cluster: LocalCluster,
  name: string,
  spec?: Record<string, unknown>,
): Promise<unknown> =>
  api(cluster, 'POST', KATACONFIGS, {
    apiVersion: 'kataconfiguration.openshift.io/v1',
    kind: 'KataConfig',
    metadata: { name },
    ...(spec ? { spec } : {}),
  });

/** Polls `check` every `intervalMs` until it holds; fails saying `what` it waited for. */
export const waitUntil = async (
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, intervalMs));
  }
};

/** Whether a request succeeds (for "has the object been created yet" checks). */
export const succeeds = (request: () => Promise<unknown>): Promise<boolean> =>
  request().then(
    () => true,
    () => false,
  );

export interface StackSession {
  /** The stack beforeAll started (a failed start fails every test, never skips it). */
  stack: () => Stack;
  /** Starts the bundled reconciler against the stack's cluster; afterAll stops it. */
  startReconciler: () => Reconciler;
  /**
   * Runs `step`; when it fails, adds the end of what the reconciler printed (if it runs) to the
   * error, so a failure explains itself.
   */
  withReconcilerOutput: <T>(step: () => Promise<T>) => Promise<T>;
}

/**
 * Starts the stack for one spec file (beforeAll) and stops it and any reconciler started through
 * the session (afterAll). `installCrd` installs the KataConfig CRD first; `setup` then prepares
 * the file's objects and pages.
 */
export const stackForSpecFile = ({
  installCrd = false,
  setup,
  setupTimeoutMs = 180_000,
}: {
  installCrd?: boolean;
  setup?: (stack: Stack) => Promise<void>;
  setupTimeoutMs?: number;
}): StackSession => {
  let started: Stack | undefined;
  let reconciler: Reconciler | undefined;
  const session: StackSession = {
    stack: () => {
      if (!started) throw new Error('the dev stack did not start');
      return started;
    },
    startReconciler: () => {
      reconciler = startReconciler(session.stack().cluster);
      return reconciler;
    },
    withReconcilerOutput: async (step) => {
      try {
        return await step();
      } catch (error) {
        if (!reconciler) throw error;
        throw new Error(
          `${String(error)}\nreconciler output:\n${reconciler.output().slice(-3000)}`,
        );
      }
    },
  };
  beforeAll(async () => {
    started = await startStack();
    if (installCrd) await installKataConfigCrd(started.cluster);
    await setup?.(started);
  }, setupTimeoutMs);
  afterAll(async () => {
    await reconciler?.stop();
    await started?.stop();
  }, 60_000);
  return session;
};

export interface PageProblems {
  consoleErrors: string[];
}

/** A page that collects console errors and uncaught exceptions. */
export const openPage = async (
  browser: Browser,
): Promise<{ page: Page; problems: PageProblems }> => {
  // A context per page: axe needs one the test created.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  return { page, problems };
};

/** What the host recorded on `window.windowErrors` (missing i18n keys, uncaught errors). */
export const windowErrors = (page: Page): Promise<string[]> =>
  page.evaluate(() => window.windowErrors ?? []);
