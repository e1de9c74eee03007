/** Webpack's share-scope runtime and what console's index.html and error hooks put on `window`. */
declare const __webpack_init_sharing__: (scope: string) => Promise<void>;
declare const __webpack_share_scopes__: Record<string, Record<string, unknown>>;

interface DevConsoleServerFlags {
  basePath: string;
  releaseVersion: string;
  consolePlugins: string[];
  i18nNamespaces: string[];
  perspectives: string;
}

interface Window {
  SERVER_FLAGS: DevConsoleServerFlags;
  /** Like console: the last missing i18n key or uncaught error, for tests to read. */
  windowError?: string;
  /** Every message recorded in `windowError`, in order (the dev console's addition). */
  windowErrors?: string[];
  /** The host's SDK module, for browser tests and the devtools console (the dev console's addition). */
  // A global declaration file cannot import; the type is the host's SDK module.
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  devConsoleSdk?: typeof import('./sdk/index');
}
