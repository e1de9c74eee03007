/**
 * Loads the plugin the way console 4.22 does (`frontend/public/plugins.ts` and
 * `console-dynamic-plugin-sdk/src/runtime/plugin-init.ts`): a `PluginStore` from
 * `@openshift/dynamic-plugin-sdk` with the `__load_plugin_entry__` callback, console's share scope,
 * and `@console/pluginAPI` resolved to the console version.
 */
import { PluginStore } from '@openshift/dynamic-plugin-sdk';
import { recordWindowError } from './errors';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `__webpack_init_sharing__` then console's alias of the react-router-dom names. */
const initSharedScope = async (): Promise<Record<string, unknown>> => {
  await __webpack_init_sharing__('default');
  const scope = __webpack_share_scopes__.default ?? {};
  scope['react-router-dom'] = scope['react-router'];
  scope['react-router-dom-v5-compat'] = scope['react-router'];
  return scope;
};

export const createPluginStore = async (): Promise<PluginStore> => {
  const sharedScope = await initSharedScope();
  const releaseVersion = window.SERVER_FLAGS.releaseVersion;
  return new PluginStore({
    loaderOptions: {
      sharedScope,
      entryCallbackSettings: { name: '__load_plugin_entry__', registerCallback: true },
      customDependencyResolutions: { '@console/pluginAPI': releaseVersion },
      canLoadPlugin: (manifest) => window.SERVER_FLAGS.consolePlugins.includes(manifest.name),
      transformPluginManifest: (manifest) => {
        if (!DNS_SUBDOMAIN.test(manifest.name)) {
          throw new Error(`Plugin name "${manifest.name}" is not a valid DNS subdomain`);
        }
        if ('registrationMethod' in manifest && manifest.registrationMethod !== 'callback') {
          throw new Error(
            `Plugin ${manifest.name}: only the "callback" registration method is supported`,
          );
        }
        return manifest;
      },
    },
  });
};

/** Loads every plugin named in SERVER_FLAGS; failures go to console.error and windowError. */
export const loadPlugins = async (store: PluginStore): Promise<void> => {
  await Promise.all(
    window.SERVER_FLAGS.consolePlugins.map(async (name) => {
      const url = `${window.SERVER_FLAGS.basePath}api/plugins/${name}/plugin-manifest.json`;
      try {
        await store.loadPlugin(url);
      } catch (error) {
        const message = `Failed to load plugin ${name}: ${error instanceof Error ? error.message : String(error)}`;
        console.error(message);
        recordWindowError(message);
      }
    }),
  );
};
