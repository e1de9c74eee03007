/**
 * The dev server alone, for a plugin and host that are already built:
 * `node -r ts-node/register src/dev-console/server/main.ts [flags]` (see SERVER_USAGE).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, SERVER_FLAGS, SERVER_USAGE, UsageError } from '../options';
import type { ProxyTarget } from './kubeconfig';
import { targetFromKubeconfig } from './kubeconfig';
import { startDevServer } from './server';

const root = resolve(__dirname, '../../..');

export const pluginName = (): string => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    consolePlugin: { name: string };
  };
  return pkg.consolePlugin.name;
};

const main = async () => {
  const options = parseArgs(process.argv.slice(2), SERVER_FLAGS);
  if (options.help) {
    console.warn(SERVER_USAGE);
    return;
  }
  if (options.target && options.kubeconfig) {
    throw new UsageError('--target and --kubeconfig are exclusive');
  }
  let target: ProxyTarget;
  if (options.target) target = { url: options.target };
  else {
    const kubeconfig = resolve(options.kubeconfig ?? join(options.dataDir, 'kubeconfig'));
    if (!existsSync(kubeconfig)) {
      throw new UsageError(
        `${kubeconfig} does not exist: start the local cluster or pass --target`,
      );
    }
    target = targetFromKubeconfig(kubeconfig, options.user);
  }
  const server = await startDevServer({
    port: options.port,
    pluginName: pluginName(),
    pluginDist: resolve(options.pluginDist),
    hostDist: resolve(options.hostDist),
    target,
  });
  console.warn(`dev console: ${server.url} (API: ${target.url})`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`dev console: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) console.error(SERVER_USAGE);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
