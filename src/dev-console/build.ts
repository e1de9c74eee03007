/**
 * Builds (or watches) the plugin with the repository's webpack.config.ts and the host shell with
 * webpack.host.ts, through the webpack API. Run directly, it builds both once:
 * `node -r ts-node/register src/dev-console/build.ts <plugin-out> <host-out>`.
 */
import { resolve } from 'node:path';
import type { Configuration, Stats, Watching } from 'webpack';
import webpack from 'webpack';
import { hostWebpackConfig } from './webpack.host';

export interface BuildHandle {
  close: () => Promise<void>;
}

const root = resolve(__dirname, '../..');

const pluginConfig = async (outputPath: string, typeCheck: boolean): Promise<Configuration> => {
  const { default: config } = (await import(resolve(root, 'webpack.config.ts'))) as {
    default: Configuration;
  };
  return {
    ...config,
    output: { ...config.output, path: outputPath },
    plugins: (config.plugins ?? []).filter(
      (plugin) => typeCheck || plugin?.constructor.name !== 'ForkTsCheckerWebpackPlugin',
    ),
    infrastructureLogging: { level: 'error' },
  };
};

const report = (name: string, stats: Stats | undefined): string | null =>
  stats?.hasErrors() ? `${name} build failed:\n${stats.toString('errors-only')}` : null;

const runOnce = (name: string, config: Configuration): Promise<void> =>
  new Promise((resolveBuild, reject) => {
    const compiler = webpack(config);
    compiler.run((error, stats) => {
      compiler.close(() => {
        const failure = error?.message ?? report(name, stats);
        if (failure) reject(new Error(failure));
        else resolveBuild();
      });
    });
  });

/** One production-like build of each, for tests (no type checking: `npm run typecheck` does it). */
export const buildOnce = async (pluginOut: string, hostOut: string): Promise<void> => {
  await runOnce('plugin', await pluginConfig(pluginOut, false));
  await runOnce('host', hostWebpackConfig({ outputPath: hostOut }));
};

/**
 * Watches a config; `onBuild` gets null after a good build or the errors after a bad one. The
 * first call settles the returned promise.
 */
export const watch = (
  name: string,
  config: Configuration,
  onBuild: (failure: string | null) => void,
): Promise<BuildHandle> =>
  new Promise((resolveWatch) => {
    let first = true;
    const compiler = webpack(config);
    const watching: Watching | undefined = compiler.watch(
      { aggregateTimeout: 300 },
      (error, stats) => {
        onBuild(error?.message ?? report(name, stats));
        if (first) {
          first = false;
          resolveWatch({
            close: () =>
              new Promise<void>((resolveClose) => {
                if (watching) {
                  watching.close(() => {
                    resolveClose();
                  });
                } else resolveClose();
              }),
          });
        }
      },
    );
  });

export const watchPlugin = async (outputPath: string, onBuild: (failure: string | null) => void) =>
  watch('plugin', await pluginConfig(outputPath, true), onBuild);

export const watchHost = (outputPath: string, onBuild: (failure: string | null) => void) =>
  watch('host', hostWebpackConfig({ outputPath }), onBuild);

if (require.main === module) {
  const [pluginOut, hostOut] = process.argv.slice(2);
  if (!pluginOut || !hostOut) {
    console.error(
      'usage: node -r ts-node/register src/dev-console/build.ts <plugin-out> <host-out>',
    );
    process.exit(2);
  }
  buildOnce(resolve(pluginOut), resolve(hostOut)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
