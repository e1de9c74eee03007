/**
 * The whole dev stack for browser tests: a local cluster on a free port with a temporary data
 * directory, the plugin and the host built once into a temporary folder, a dev server per user
 * (admin and the read-only viewer), and Debian's Chromium through playwright-core.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';
import type { LocalCluster } from '../../src/cluster/cluster';
import { startLocalCluster } from '../../src/cluster/cluster';
import type { DevServer } from '../../src/dev-console/server/server';
import { startDevServer } from '../../src/dev-console/server/server';

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

export const startStack = async (): Promise<Stack> => {
  requireChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'kata-browser-'));
  const pluginDist = join(work, 'plugin');
  const hostDist = join(work, 'host');
  const [cluster] = await Promise.all([
    startLocalCluster({
      dataDir: join(work, 'cluster'),
      port: 0,
      bookmarkIntervalMs: 1000,
      mcoSimulator: true,
      workers: 2,
      speed: MCO_SPEED,
    }),
    build(pluginDist, hostDist),
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
