/**
 * @jest-environment node
 *
 * Console 4.22 shares these modules with plugins. A singleton at another version breaks the
 * plugin at runtime; a PatternFly range that console's copy does not satisfy makes every page
 * download the plugin's own PatternFly (hundreds of KB) instead of using console's.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { lte, satisfies } from 'semver';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const declared: Record<string, string> = { ...pkg.dependencies, ...pkg.devDependencies };

/** What console 4.22 resolves (release-4.22 yarn.lock). */
const CONSOLE_4_22 = {
  react: '18.3.1',
  'react-i18next': '16.5.8',
  'react-redux': '9.2.0',
  'react-router': '7.13.1',
  redux: '5.0.1',
  'redux-thunk': '3.1.0',
  '@patternfly/react-core': '6.4.2',
  '@patternfly/react-table': '6.4.2',
  '@patternfly/react-icons': '6.4.0',
};

describe('versions shared with console 4.22', () => {
  it('pins both console SDK packages to exactly 4.22.0', () => {
    expect(declared['@openshift-console/dynamic-plugin-sdk']).toBe('4.22.0');
    expect(declared['@openshift-console/dynamic-plugin-sdk-webpack']).toBe('4.22.0');
  });

  it.each(Object.entries(CONSOLE_4_22))(
    'declares %s with a range console %s satisfies',
    (name, version) => {
      const range = declared[name];
      expect(range).toBeDefined();
      expect(satisfies(version, range ?? '')).toBe(true);
    },
  );

  // The plugin registers its installed PatternFly in the share scope and webpack takes the
  // highest version in range: a newer installed copy would beat console's and be downloaded.
  it.each([
    ['@patternfly/react-core', '6.4.2'],
    ['@patternfly/react-table', '6.4.2'],
    ['@patternfly/react-icons', '6.4.0'],
    ['@patternfly/react-styles', '6.4.2'],
    ['@patternfly/react-tokens', '6.4.2'],
  ])('installs %s no newer than console 4.22 ships (%s)', (name, consoleVersion) => {
    const installed = (
      JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
        version: string;
      }
    ).version;
    expect({ name, installed, newerThanConsole: !lte(installed, consoleVersion) }).toEqual({
      name,
      installed,
      newerThanConsole: false,
    });
  });

  it('does not depend on react-router-dom, which 4.22 only shares as a deprecated alias', () => {
    expect(declared).not.toHaveProperty(['react-router-dom']);
    expect(declared).not.toHaveProperty(['react-router-dom-v5-compat']);
  });

  it('builds with TypeScript 5.9', () => {
    expect(satisfies('5.9.3', declared.typescript ?? '')).toBe(true);
  });
});
