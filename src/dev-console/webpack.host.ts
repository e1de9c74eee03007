/**
 * Webpack config of the dev console's host shell. Like console 4.22 (`frontend/webpack.config.ts`),
 * it puts eager singletons and the PatternFly per-component modules into the `default` share scope
 * so the plugin takes them from the host exactly when it would in console.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import type { Configuration } from 'webpack';
import { sharing } from 'webpack';

const root = resolve(__dirname, '../..');
const nodeModules = join(root, 'node_modules');

const versionOf = (pkg: string): string => {
  const json = JSON.parse(readFileSync(join(nodeModules, pkg, 'package.json'), 'utf8')) as {
    version: string;
  };
  return json.version;
};

/** What console shares as eager singletons (SDK-webpack's `sharedPluginModules`, minus the absent). */
const SINGLETONS = [
  'react',
  'react-i18next',
  'react-redux',
  'react-router',
  'redux',
  'redux-thunk',
];

/** PatternFly packages whose `dist/dynamic/*` modules console 4.22 shares. */
export const PATTERNFLY_DYNAMIC_PACKAGES = [
  '@patternfly/react-core',
  '@patternfly/react-data-view',
  '@patternfly/react-icons',
  '@patternfly/react-table',
  '@patternfly/react-templates',
];

/** Every `dist/dynamic/<path>` folder (each has a package.json pointing at the ESM build). */
const dynamicModules = (pkg: string): string[] => {
  const base = join(nodeModules, pkg, 'dist', 'dynamic');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === 'package.json')
        found.push(`${pkg}/${relative(join(nodeModules, pkg), dir)}`);
    }
  };
  walk(base);
  return found.sort();
};

type SharedConfig = Record<
  string,
  {
    import?: string;
    shareKey?: string;
    version: string;
    singleton?: boolean;
    eager: boolean;
    requiredVersion: false;
  }
>;

export const hostSharedModules = (): SharedConfig => {
  const shared: SharedConfig = {};
  for (const name of SINGLETONS) {
    shared[name] = {
      singleton: true,
      eager: true,
      version: versionOf(name),
      requiredVersion: false,
    };
  }
  shared['@openshift/dynamic-plugin-sdk'] = {
    singleton: true,
    eager: true,
    version: versionOf('@openshift/dynamic-plugin-sdk'),
    requiredVersion: false,
  };
  // Console shares its source-built lib-core under this name; the host shares its own module.
  shared['@openshift-console/dynamic-plugin-sdk'] = {
    import: resolve(__dirname, 'host/sdk/index.ts'),
    shareKey: '@openshift-console/dynamic-plugin-sdk',
    singleton: true,
    eager: true,
    version: versionOf('@openshift-console/dynamic-plugin-sdk'),
    requiredVersion: false,
  };
  for (const pkg of PATTERNFLY_DYNAMIC_PACKAGES) {
    const version = versionOf(pkg);
    for (const request of dynamicModules(pkg)) {
      shared[request] = { eager: true, version, requiredVersion: false };
    }
  }
  return shared;
};

/** `window.SERVER_FLAGS` as console's bridge writes it into index.html (the fields the SDK reads). */
const SERVER_FLAGS = {
  basePath: '/',
  releaseVersion: versionOf('@openshift-console/dynamic-plugin-sdk'),
  consolePlugins: ['kata-console-plugin'],
  i18nNamespaces: ['plugin__kata-console-plugin'],
  perspectives: '',
};

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Dev console</title>
    <script>window.SERVER_FLAGS = ${JSON.stringify(SERVER_FLAGS)};</script>
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`;

export interface HostBuildOptions {
  outputPath: string;
  mode?: 'development' | 'production';
}

const swc = {
  loader: 'swc-loader',
  options: {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2021',
    },
    module: { type: 'es6' },
  },
};

export const hostWebpackConfig = ({
  outputPath,
  mode = 'development',
}: HostBuildOptions): Configuration => ({
  mode,
  context: root,
  entry: { host: resolve(__dirname, 'host/index.tsx') },
  output: {
    path: outputPath,
    publicPath: '/',
    filename: 'static/[name].js',
    chunkFilename: 'static/[name]-chunk.js',
    assetModuleFilename: 'static/assets/[contenthash][ext]',
    clean: true,
  },
  resolve: {
    extensions: ['.ts', '.tsx', '.js', '.jsx'],
    alias: {
      // The npm SDK's `require('@console/...')` calls name console's source tree; the host answers
      // the two that the code it runs reaches.
      '@console/shared/src/utils/console-fetch': resolve(__dirname, 'host/sdk/consoleFetch.ts'),
      '@console/internal/models': resolve(__dirname, 'host/sdk/staticModels.ts'),
    },
  },
  module: {
    rules: [
      { test: /\.tsx?$/, exclude: /node_modules/, use: swc },
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      {
        test: /\.scss$/,
        use: ['style-loader', 'css-loader', resolve(__dirname, 'build/flatScssLoader.ts')],
      },
      { test: /\.(woff2?|ttf|eot|svg|png|jpe?g|gif)$/, type: 'asset/resource' },
    ],
  },
  plugins: [
    new sharing.SharePlugin({ shared: hostSharedModules(), shareScope: 'default' }),
    new HtmlWebpackPlugin({ templateContent: INDEX_HTML, scriptLoading: 'defer', inject: 'head' }),
  ],
  cache: {
    type: 'filesystem',
    cacheDirectory: join(nodeModules, '.cache', 'kata-dev-console-host'),
    buildDependencies: { config: [__filename] },
  },
  devtool: mode === 'production' ? false : 'source-map',
  performance: { hints: false },
  stats: 'errors-warnings',
});

export default hostWebpackConfig({ outputPath: join(root, '.local', 'dev-console', 'host') });
