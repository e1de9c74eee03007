/**
 * The production build, as console 4.22 will load it: a manifest naming a small entry
 * script, one lazy chunk per exposed page, the English catalogue, and no bundled copy of
 * what console shares as a singleton.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  consolePlugin: { name: string; version: string; exposedModules: Record<string, string> };
};

interface Manifest {
  name: string;
  version: string;
  baseURL: string;
  loadScripts: string[];
  registrationMethod: string;
  dependencies: Record<string, string>;
  extensions: { type: string; properties: Record<string, unknown> }[];
  customProperties?: { console?: { displayName?: string } };
}

let outDir: string;
let manifest: Manifest;
let files: string[];
let bundledModules: string[];

/** Runs the production webpack config into a temporary folder and returns the module list. */
const buildInto = async (dir: string): Promise<string[]> => {
  process.env.NODE_ENV = 'production';
  const { default: webpack } = await import('webpack');
  const { default: config } = await import('../../webpack.config');
  const compiler = webpack({ ...config, output: { ...config.output, path: dir } });
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) {
        reject(error);
        return;
      }
      if (!stats || stats.hasErrors()) {
        reject(new Error(stats?.toString('errors-only') ?? 'webpack produced no stats'));
        return;
      }
      const json = stats.toJson({ modules: true, nestedModules: true });
      resolve(
        (json.modules ?? []).flatMap((m) => [
          m.name ?? '',
          ...(m.modules ?? []).map((n) => n.name ?? ''),
        ]),
      );
    });
  });
};

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'kata-build-'));
  bundledModules = await buildInto(outDir);
  manifest = JSON.parse(
    readFileSync(path.join(outDir, 'plugin-manifest.json'), 'utf8'),
  ) as Manifest;
  files = readdirSync(outDir);
}, 600_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('writes a callback-registered manifest for the plugin served under /api/plugins/<name>/', () => {
    expect(manifest.name).toBe(pkg.consolePlugin.name);
    expect(manifest.version).toBe(pkg.consolePlugin.version);
    expect(manifest.baseURL).toBe(`/api/plugins/${pkg.consolePlugin.name}/`);
    expect(manifest.registrationMethod).toBe('callback');
    expect(manifest.dependencies['@console/pluginAPI']).toBe('>=4.22.0-0');
    expect(manifest.customProperties?.console?.displayName).toBe('Sandboxed containers');
  });

  it('carries the KataConfig list page extension', () => {
    const list = manifest.extensions.find((ext) => ext.type === 'console.page/resource/list');
    expect(list?.properties).toMatchObject({
      model: { group: 'kataconfiguration.openshift.io', kind: 'KataConfig' },
      component: { $codeRef: 'KataConfigListPage' },
    });
  });

  it('loads one hashed, minified entry script that registers through __load_plugin_entry__', () => {
    expect(manifest.loadScripts).toHaveLength(1);
    const [entry = ''] = manifest.loadScripts;
    expect(entry).toMatch(/^plugin-entry\.[0-9a-f]+\.min\.js$/);
    const source = readFileSync(path.join(outDir, entry), 'utf8');
    expect(source).toContain(`__load_plugin_entry__("${pkg.consolePlugin.name}"`);
  });

  it('builds one lazy chunk per exposed page', () => {
    for (const moduleName of Object.keys(pkg.consolePlugin.exposedModules)) {
      const chunks = files.filter(
        (f) => f.startsWith(`exposed-${moduleName}-chunk-`) && f.endsWith('.min.js'),
      );
      expect(chunks).toHaveLength(1);
    }
  });

  it('ships the English catalogue where console fetches it', () => {
    const catalogue = JSON.parse(
      readFileSync(path.join(outDir, 'locales/en/plugin__kata-console-plugin.json'), 'utf8'),
    ) as Record<string, string>;
    expect(catalogue.KataConfigs).toBe('KataConfigs');
  });

  it('bundles none of the singletons console provides (react, react-router, react-i18next, the SDK)', () => {
    const singletons = ['react', 'react-router', 'react-i18next', 'react-redux', 'redux'];
    // react/jsx-runtime is not a shared module; its 1 KB factory calls the shared React.
    const jsxRuntime = /node_modules\/react\/(jsx-runtime\.js|cjs\/react-jsx-runtime\.)/;
    const offending = bundledModules.filter(
      (name) =>
        !jsxRuntime.test(name) &&
        (singletons.some((lib) => name.includes(`node_modules/${lib}/`)) ||
          name.includes('node_modules/@openshift-console/dynamic-plugin-sdk/')),
    );
    expect(offending).toEqual([]);
  });
});
