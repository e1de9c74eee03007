/**
 * `npm run cluster -- [--port N] [--data DIR] [--workers N] [--speed X] [--reset]`: runs the local
 * cluster until SIGINT or SIGTERM.
 */
import { ADMIN_CONTEXT, VIEWER_CONTEXT, startLocalCluster } from './cluster';

export interface CliOptions {
  port: number;
  dataDir: string;
  workers: number;
  speed: number;
  reset: boolean;
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run cluster -- [--port N] [--data DIR] [--workers N] [--speed X] [--reset]
  --port N      port on 127.0.0.1 (default 6443; 0 picks a free one)
  --data DIR    state directory, also where the kubeconfig is written (default .local)
  --workers N   worker nodes for the MCO simulator (default 3)
  --speed X     time scale for the MCO simulator (default 1; 10 runs ten times faster)
  --reset       start from a fresh cluster instead of resuming DIR`;

const integer = (flag: string, value: string, min: number, max: number): number => {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} needs a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max)
    throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
};

export const parseArgs = (argv: string[]): CliOptions => {
  const options: CliOptions = {
    port: 6443,
    dataDir: '.local',
    workers: 3,
    speed: 1,
    reset: false,
    help: false,
  };
  const args = argv.flatMap((arg) =>
    arg.startsWith('--') && arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg],
  );
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i] ?? '';
    const value = (): string => {
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2))
        throw new UsageError(`${flag} needs a value`);
      i += 1;
      return next;
    };
    switch (flag) {
      case '--port':
        options.port = integer(flag, value(), 0, 65535);
        break;
      case '--data': {
        const dir = value();
        if (dir.trim() === '') throw new UsageError('--data needs a directory');
        options.dataDir = dir;
        break;
      }
      case '--workers':
        options.workers = integer(flag, value(), 0, 5000);
        break;
      case '--speed': {
        const raw = value();
        const speed = Number(raw);
        if (!/^\d+(\.\d+)?$/.test(raw) || !(speed > 0) || speed > 1000) {
          throw new UsageError(`--speed needs a number above 0 and at most 1000, got "${raw}"`);
        }
        options.speed = speed;
        break;
      }
      case '--reset':
        options.reset = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new UsageError(`unknown argument "${flag}" (try --help)`);
    }
  }
  return options;
};

const main = async (): Promise<void> => {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`local cluster: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let cluster;
  try {
    cluster = await startLocalCluster({
      port: options.port,
      dataDir: options.dataDir,
      reset: options.reset,
      workers: options.workers,
      speed: options.speed,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'EADDRINUSE'
        ? `port ${options.port} is already in use (pick another with --port)`
        : (error as Error).message;
    process.stderr.write(`local cluster: ${message}\n`);
    process.exit(1);
  }
  const running = cluster;
  process.stdout.write(
    [
      `Local cluster listening on ${running.url} (${running.resumed ? 'resumed' : 'fresh'} state in ${running.dataDir})`,
      `  export KUBECONFIG=${running.kubeconfigPath}`,
      '  kubectl get namespaces',
      `  kubectl --context ${VIEWER_CONTEXT} auth can-i create configmaps   # the read-only user`,
      `Contexts: ${ADMIN_CONTEXT} (admin), ${VIEWER_CONTEXT} (read-only). Stop with Ctrl+C.`,
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, saving state and stopping...\n`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('local cluster: error while stopping:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
};

if (require.main === module) {
  void main();
}
