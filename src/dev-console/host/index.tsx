/**
 * The dev console host. Start-up follows console's order: error hooks, i18n, the redux store,
 * API discovery, the share scope and PluginStore, then the plugins and the shell.
 */
import '@patternfly/patternfly/patternfly.css';
import '@patternfly/patternfly/patternfly-addons.css';
import { PluginStoreProvider } from '@openshift/dynamic-plugin-sdk';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { BrowserRouter } from 'react-router';
import { runDiscovery } from './discovery';
import { installErrorRecorder, recordWindowError } from './errors';
import { initI18n } from './i18n';
import * as sdk from './sdk';
import { createPluginStore, loadPlugins } from './plugins';
import { App } from './shell/App';
import { createHostStore } from './store';

const whoAmI = async (): Promise<string> => {
  try {
    const response = await fetch(
      `${window.SERVER_FLAGS.basePath}api/kubernetes/apis/authentication.k8s.io/v1/selfsubjectreviews`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }),
      },
    );
    const review = (await response.json()) as { status?: { userInfo?: { username?: string } } };
    return review.status?.userInfo?.username ?? 'unknown user';
  } catch {
    return 'unknown user';
  }
};

const main = async () => {
  installErrorRecorder();
  window.devConsoleSdk = sdk;
  await initI18n(window.SERVER_FLAGS.i18nNamespaces);
  const store = createHostStore();
  let discoveryError: string | null = null;
  const [user] = await Promise.all([
    whoAmI(),
    runDiscovery(store).catch((error: unknown) => {
      discoveryError = error instanceof Error ? error.message : String(error);
      console.error('API discovery failed', error);
    }),
  ]);
  const pluginStore = await createPluginStore();
  await loadPlugins(pluginStore);
  const container = document.getElementById('app');
  if (!container) throw new Error('index.html has no #app element');
  createRoot(container).render(
    <Provider store={store}>
      <PluginStoreProvider store={pluginStore}>
        <BrowserRouter>
          <App store={store} user={user} discoveryError={discoveryError} />
        </BrowserRouter>
      </PluginStoreProvider>
    </Provider>,
  );
};

main().catch((error: unknown) => {
  const message = `Dev console failed to start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(message);
  recordWindowError(message);
});
