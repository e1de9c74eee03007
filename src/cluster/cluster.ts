/**
 * Starts the local cluster in-process: loads (or seeds) the state in a data directory, serves the
 * API on 127.0.0.1, and writes a kubeconfig with an admin and a read-only viewer context.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dump } from 'js-yaml';
import { Api } from './apiserver/api';
import { isObject } from './apiserver/json';
import { startWorkloadControllers } from './controllers';
import { startMcoSimulator } from './mco/simulator';
import { Registry } from './apiserver/registry';
import type { Tokens } from './apiserver/server';
import { ApiServer } from './apiserver/server';
import { Store, stateFile, writeFileAtomic } from './apiserver/store';
import { ensureCrds, seedCluster } from './seed/seed';
import type { SelfSignedCertificate } from './tls';
import { selfSignedCertificate } from './tls';

export interface LocalClusterOptions {
  dataDir: string;
  /** 0 picks a free port. Default 6443. */
  port?: number;
  host?: string;
  /** Start from an empty, freshly seeded state. */
  reset?: boolean;
  bookmarkIntervalMs?: number;
  /** Run the MCO simulator (default true); tests that play the MCO themselves pass false. */
  mcoSimulator?: boolean;
  /** Workers the MCO simulator seeds on a fresh cluster (default 3). */
  workers?: number;
  /** Divides every simulated MCO duration (default 1: a worker takes about 20 s). */
  speed?: number;
}

export interface LocalCluster {
  url: string;
  port: number;
  dataDir: string;
  kubeconfigPath: string;
  tokens: Tokens;
  /** The server's self-signed certificate (PEM), also in the kubeconfig as its CA. */
  caPem: string;
  api: Api;
  store: Store;
  registry: Registry;
  /** Whether the state was resumed from the data directory. */
  resumed: boolean;
  close: () => Promise<void>;
}

export const ADMIN_CONTEXT = 'kata-local';
export const VIEWER_CONTEXT = 'kata-local-viewer';

const readTokens = (path: string): Tokens => {
  if (existsSync(path)) {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (isObject(parsed) && typeof parsed.admin === 'string' && typeof parsed.viewer === 'string') {
      return { admin: parsed.admin, viewer: parsed.viewer };
    }
  }
  const tokens = {
    admin: randomBytes(24).toString('hex'),
    viewer: randomBytes(24).toString('hex'),
  };
  writeFileAtomic(path, JSON.stringify(tokens));
  return tokens;
};

const readCertificate = (dataDir: string): SelfSignedCertificate => {
  const certPath = join(dataDir, 'tls.crt');
  const keyPath = join(dataDir, 'tls.key');
  if (existsSync(certPath) && existsSync(keyPath)) {
    return { certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') };
  }
  const created = selfSignedCertificate();
  writeFileAtomic(keyPath, created.keyPem);
  writeFileAtomic(certPath, created.certPem);
  return created;
};

export const kubeconfigYaml = (url: string, tokens: Tokens, caPem: string): string =>
  dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'kata-local',
        cluster: {
          server: url,
          'certificate-authority-data': Buffer.from(caPem).toString('base64'),
        },
      },
    ],
    users: [
      { name: 'admin', user: { token: tokens.admin } },
      { name: 'viewer', user: { token: tokens.viewer } },
    ],
    contexts: [
      {
        name: ADMIN_CONTEXT,
        context: { cluster: 'kata-local', user: 'admin', namespace: 'default' },
      },
      {
        name: VIEWER_CONTEXT,
        context: { cluster: 'kata-local', user: 'viewer', namespace: 'default' },
      },
    ],
    'current-context': ADMIN_CONTEXT,
    preferences: {},
  });

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** One process per data directory: a second one would overwrite the first one's state. */
const takeLock = (dataDir: string): string => {
  const lock = join(dataDir, 'lock');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return lock;
  } catch {
    const owner = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
      throw new Error(`the data directory ${dataDir} is in use by process ${owner}`);
    }
    writeFileSync(lock, String(process.pid));
    return lock;
  }
};

export const startLocalCluster = async (options: LocalClusterOptions): Promise<LocalCluster> => {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const lock = takeLock(dataDir);
  try {
    if (options.reset) {
      rmSync(stateFile(dataDir), { force: true });
    }
    const store = new Store({ file: stateFile(dataDir) });
    const resumed = store.load();
    const registry = new Registry();
    const api = new Api(store, registry);
    if (resumed) ensureCrds(api);
    else seedCluster(api);
    store.flush();
    const tokens = readTokens(join(dataDir, 'tokens.json'));
    const tls = readCertificate(dataDir);
    const server = new ApiServer({
      api,
      registry,
      tokens,
      tls,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 6443,
      ...(options.bookmarkIntervalMs !== undefined
        ? { bookmarkIntervalMs: options.bookmarkIntervalMs }
        : {}),
    });
    const port = await server.listen();
    const controllers = startWorkloadControllers(api, {});
    const mco =
      options.mcoSimulator === false
        ? undefined
        : startMcoSimulator(api, { workers: options.workers ?? 3, speed: options.speed ?? 1 });
    const url = `https://${options.host ?? '127.0.0.1'}:${port}`;
    const kubeconfigPath = join(dataDir, 'kubeconfig');
    writeFileAtomic(kubeconfigPath, kubeconfigYaml(url, tokens, tls.certPem));
    let closed = false;
    return {
      url,
      port,
      dataDir,
      kubeconfigPath,
      tokens,
      caPem: tls.certPem,
      api,
      store,
      registry,
      resumed,
      close: async () => {
        if (closed) return;
        closed = true;
        await mco?.stop();
        await controllers.stop();
        await server.close();
        api.close();
        store.flush();
        rmSync(lock, { force: true });
      },
    };
  } catch (error) {
    if (existsSync(lock)) unlinkSync(lock);
    throw error;
  }
};
