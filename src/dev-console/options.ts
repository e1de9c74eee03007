/** Command-line flags of `npm start` and of the dev server alone, with clear errors. */

export class UsageError extends Error {}

export type UserName = 'admin' | 'viewer';

export interface DevConsoleOptions {
  /** Dev console port on 127.0.0.1. */
  port: number;
  /** Local cluster port (ignored with --target). */
  clusterPort: number;
  /** Local cluster state directory; the kubeconfig is written there. */
  dataDir: string;
  /** A real cluster's API, e.g. `kubectl proxy` at http://127.0.0.1:8001; no local cluster then. */
  target: string | null;
  /** Which kubeconfig user the proxy acts as. */
  user: UserName;
  /** Kubeconfig to read the target and token from (dev server only). */
  kubeconfig: string | null;
  pluginDist: string;
  hostDist: string;
  help: boolean;
}

export const DEFAULTS: DevConsoleOptions = {
  port: 9000,
  clusterPort: 6443,
  dataDir: '.local',
  target: null,
  user: 'admin',
  kubeconfig: null,
  pluginDist: 'dist',
  hostDist: '.local/dev-console/host',
  help: false,
};

const port = (flag: string, raw: string, allowZero: boolean): number => {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} needs a port number, got "${raw}"`);
  const n = Number(raw);
  if (n > 65535 || (!allowZero && n === 0)) {
    throw new UsageError(`${flag} must be between ${allowZero ? 0 : 1} and 65535, got ${n}`);
  }
  return n;
};

const targetUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--target needs a URL such as http://127.0.0.1:8001, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--target must be an http:// or https:// URL, got "${raw}"`);
  }
  if (url.search || url.hash) throw new UsageError('--target takes no query or fragment');
  return url.toString().replace(/\/$/, '');
};

/** Flags each command accepts. */
export const START_FLAGS = ['--port', '--cluster-port', '--data', '--target', '--user', '--help'];
export const SERVER_FLAGS = [
  '--port',
  '--target',
  '--kubeconfig',
  '--user',
  '--plugin-dist',
  '--host-dist',
  '--help',
];

export const parseArgs = (argv: string[], allowed: string[]): DevConsoleOptions => {
  const options: DevConsoleOptions = { ...DEFAULTS };
  const args = argv.flatMap((arg) =>
    arg.startsWith('--') && arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg],
  );
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i] ?? '';
    if (!allowed.includes(flag)) {
      throw new UsageError(
        flag.startsWith('-') ? `unknown flag ${flag}` : `unexpected argument "${flag}"`,
      );
    }
    const value = (): string => {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--'))
        throw new UsageError(`${flag} needs a value`);
      i += 1;
      return next;
    };
    const directory = (): string => {
      const dir = value();
      if (dir.trim() === '') throw new UsageError(`${flag} needs a directory`);
      return dir;
    };
    switch (flag) {
      case '--port':
        options.port = port(flag, value(), true);
        break;
      case '--cluster-port':
        options.clusterPort = port(flag, value(), true);
        break;
      case '--data':
        options.dataDir = directory();
        break;
      case '--target':
        options.target = targetUrl(value());
        break;
      case '--user': {
        const user = value();
        if (user !== 'admin' && user !== 'viewer') {
          throw new UsageError(`--user must be admin or viewer, got "${user}"`);
        }
        options.user = user;
        break;
      }
      case '--kubeconfig':
        options.kubeconfig = directory();
        break;
      case '--plugin-dist':
        options.pluginDist = directory();
        break;
      case '--host-dist':
        options.hostDist = directory();
        break;
      case '--help':
        options.help = true;
        break;
    }
  }
  return options;
};

export const START_USAGE = `usage: npm start -- [--port N] [--cluster-port N] [--data DIR] [--target URL] [--user admin|viewer]
  --port N          dev console port on 127.0.0.1 (default 9000; 0 picks a free one)
  --cluster-port N  local cluster port (default 6443; 0 picks a free one)
  --data DIR        local cluster state directory, kept between runs (default .local)
  --target URL      use this Kubernetes API instead of the local cluster, e.g. behind
                    \`kubectl proxy --port=8001\`: --target http://127.0.0.1:8001
  --user NAME       act as the local cluster's admin (default) or read-only viewer`;

export const SERVER_USAGE = `usage: dev-console server [--port N] [--target URL | --kubeconfig FILE] [--user admin|viewer]
                         [--plugin-dist DIR] [--host-dist DIR]
  --port N           port on 127.0.0.1 (default 9000; 0 picks a free one)
  --target URL       proxy /api/kubernetes to this URL with no credentials (kubectl proxy)
  --kubeconfig FILE  proxy to the current context's cluster, trusting its CA (default .local/kubeconfig)
  --user NAME        the kubeconfig user whose token is added (admin or viewer; default admin)
  --plugin-dist DIR  the plugin build to serve (default dist)
  --host-dist DIR    the host shell build (default .local/dev-console/host)`;
