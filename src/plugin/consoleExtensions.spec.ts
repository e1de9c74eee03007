/**
 * @jest-environment node
 *
 * Checks console-extensions.json beyond the SDK's build-time schema, which accepts any
 * `{type, properties}` as a "custom" extension and so lets a misspelled property through.
 */
import { readFileSync, existsSync } from 'fs';
import * as path from 'path';
import { Ajv } from 'ajv';
import * as ts from 'typescript';
import consoleExtensionsSchema from '@openshift-console/dynamic-plugin-sdk-webpack/schema/console-extensions.json';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  consolePlugin: {
    name: string;
    version: string;
    displayName?: string;
    description?: string;
    exposedModules: Record<string, string>;
    dependencies: Record<string, string>;
  };
};
const extensions = JSON.parse(readFileSync(path.join(root, 'console-extensions.json'), 'utf8')) as {
  type: string;
  properties: Record<string, unknown>;
  flags?: { required?: string[]; disallowed?: string[] };
}[];
const catalogue = JSON.parse(
  readFileSync(path.join(root, 'locales/en/plugin__kata-console-plugin.json'), 'utf8'),
) as Record<string, string>;

interface SchemaDefinition {
  properties?: { type?: { const?: string } };
}
const definitions = consoleExtensionsSchema.definitions as Record<string, SchemaDefinition>;
const definitionNameForType = (type: string): string | undefined =>
  Object.entries(definitions).find(([, def]) => def.properties?.type?.const === type)?.[0];

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(consoleExtensionsSchema, 'console-extensions');

/** Every `{ $codeRef }` value anywhere inside an extension's properties. */
const codeRefsOf = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(codeRefsOf);
  if (value && typeof value === 'object') {
    const ref = (value as { $codeRef?: unknown }).$codeRef;
    if (typeof ref === 'string') return [ref];
    return Object.values(value).flatMap(codeRefsOf);
  }
  return [];
};

const moduleFile = (modulePath: string): string | undefined =>
  ['.ts', '.tsx']
    .map((ext) => path.join(root, 'src/plugin', modulePath + ext))
    .find((candidate) => existsSync(candidate));

const exportsOf = (file: string): string[] => {
  const program = ts.createProgram([file], { jsx: ts.JsxEmit.ReactJSX, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const symbol = source && checker.getSymbolAtLocation(source);
  return symbol ? checker.getExportsOfModule(symbol).map((s) => s.getName()) : [];
};

describe('package.json#consolePlugin', () => {
  it('names the plugin like the package, with a semver version and the 4.22 API dependency', () => {
    expect(pkg.consolePlugin.name).toBe(pkg.name);
    expect(pkg.consolePlugin.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(pkg.consolePlugin.displayName).toBeTruthy();
    expect(pkg.consolePlugin.description).toBeTruthy();
    expect(pkg.consolePlugin.dependencies).toEqual({ '@console/pluginAPI': '>=4.22.0-0' });
  });
});

describe('console-extensions.json', () => {
  it.each(extensions.map((ext, index) => [index, ext.type, ext] as const))(
    'entry %i (%s) matches the schema of its own type',
    (_index, type, extension) => {
      const definition = definitionNameForType(type);
      expect(definition).toBeDefined();
      const validate = ajv.getSchema(`console-extensions#/definitions/${definition ?? ''}`);
      expect(validate).toBeDefined();
      const valid = validate?.(extension);
      expect(validate?.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it('resolves every $codeRef to a real export of an exposed module', () => {
    const refs = extensions.flatMap((ext) => codeRefsOf(ext.properties));
    expect(refs.length).toBeGreaterThan(0);
    const problems = refs.flatMap((ref) => {
      const [moduleName = '', exportName = 'default'] = ref.split('.');
      const modulePath = pkg.consolePlugin.exposedModules[moduleName];
      if (modulePath === undefined) return [`${ref}: ${moduleName} is not an exposed module`];
      const file = moduleFile(modulePath);
      if (file === undefined) return [`${ref}: ${modulePath} does not exist under src/plugin`];
      return exportsOf(file).includes(exportName) ? [] : [`${ref}: ${file} has no ${exportName}`];
    });
    expect(problems).toEqual([]);
  });

  it('references every exposed module, so no page chunk is built for nothing', () => {
    const referenced = new Set(
      extensions.flatMap((ext) => codeRefsOf(ext.properties)).map((ref) => ref.split('.')[0]),
    );
    expect(Object.keys(pkg.consolePlugin.exposedModules).filter((m) => !referenced.has(m))).toEqual(
      [],
    );
  });

  it('gates on flags that an extension of this plugin defines', () => {
    const defined = new Set(
      extensions
        .filter((ext) => ext.type === 'console.flag/model')
        .map((ext) => ext.properties.flag as string),
    );
    const used = extensions.flatMap((ext) => [
      ...(ext.flags?.required ?? []),
      ...(ext.flags?.disallowed ?? []),
    ]);
    expect(used.filter((flag) => !defined.has(flag))).toEqual([]);
  });

  it('puts navigation items in sections that exist', () => {
    const sections = new Set(
      extensions
        .filter((ext) => ext.type === 'console.navigation/section')
        .map((ext) => ext.properties.id as string),
    );
    const items = extensions.filter(
      (ext) =>
        ext.type.startsWith('console.navigation/') && ext.type !== 'console.navigation/section',
    );
    expect(
      items.map((ext) => ext.properties.section).filter((s) => !sections.has(s as string)),
    ).toEqual([]);
  });

  it('translates every label through this plugin namespace, with a key in the English catalogue', () => {
    const labels = JSON.stringify(extensions).match(/%[^%"]+%/g) ?? [];
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      const [namespace, key = ''] = label.slice(1, -1).split('~');
      expect(namespace).toBe('plugin__kata-console-plugin');
      expect(catalogue).toHaveProperty([key]);
    }
  });
});
