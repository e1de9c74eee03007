import type { Config } from 'jest';

const swc: [string, Record<string, unknown>] = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } },
    module: { type: 'commonjs' },
  },
];

const config: Config = {
  projects: [
    {
      displayName: 'shared',
      testEnvironment: 'node',
      roots: ['<rootDir>/src/shared'],
      testRegex: '\\.spec\\.ts$',
      transform: { '^.+\\.[jt]sx?$': swc },
    },
    {
      displayName: 'plugin',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/src/plugin'],
      testRegex: '\\.spec\\.tsx?$',
      transform: { '^.+\\.[jt]sx?$': swc },
      moduleNameMapper: {
        '^@openshift-console/dynamic-plugin-sdk$': '<rootDir>/src/plugin/testing/sdkMock.tsx',
        '^react-i18next$': '<rootDir>/src/plugin/testing/i18nMock.tsx',
        '\\.css$': '<rootDir>/src/plugin/testing/styleMock.ts',
      },
      setupFilesAfterEnv: ['<rootDir>/src/plugin/testing/setupTests.ts'],
    },
  ],
};

export default config;
