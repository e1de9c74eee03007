/**
 * The dev console host's SDK in Chromium against the local cluster: `console.page/route` and
 * `console.tab/horizontalNav` extensions (added to the plugin's manifest in flight, pointing at a
 * real exposed module), the ResourceYAMLEditor saving a Node and explaining a conflict, the
 * ResourceEventStream following a Node's events live, and list paging through k8sList and
 * consoleFetchJSON.
 */
import { dump, load } from 'js-yaml';
import type { Page } from 'playwright-core';
import type { PageProblems } from './fixture';
import {
  api,
  createKataConfig,
  mergePatch,
  openPage,
  stackForSpecFile,
  windowErrors,
} from './fixture';
import { expectAxeClean, saveScreenshot } from './pageHelpers';

const PROBE_MODULE = { $codeRef: 'KataConfigListPage' };
const PROBE_TAB = { name: 'Probe tab', href: 'probe-tab' };
const RUNTIME_CLASS = 'host-sdk-probe';

/** Extensions the test adds to the served manifest; each renders the plugin's list page. */
const PROBE_EXTENSIONS = [
  {
    type: 'console.page/route',
    properties: {
      path: '/k8s/cluster/nodes/:name/host-sdk-probe',
      exact: true,
      component: PROBE_MODULE,
    },
  },
  {
    type: 'console.page/route',
    properties: { path: ['/host-sdk-probe', '/host-sdk-probe-alias'], component: PROBE_MODULE },
  },
  {
    type: 'console.page/route',
    properties: { path: '/host-sdk-dev-only', perspective: 'dev', component: PROBE_MODULE },
  },
  ...[
    { group: 'core', version: 'v1', kind: 'Node' },
    { group: 'machineconfiguration.openshift.io', version: 'v1', kind: 'MachineConfigPool' },
    { group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass' },
    { group: 'kataconfiguration.openshift.io', version: 'v1', kind: 'KataConfig' },
  ].map((model) => ({
    type: 'console.tab/horizontalNav',
    properties: { model, page: PROBE_TAB, component: PROBE_MODULE },
  })),
];

let page: Page;
let problems: PageProblems;
let nodeName = '';

interface NodeLike {
  metadata: { name: string; uid: string; labels?: Record<string, string> };
}

const getNode = async (name: string) =>
  (await api(stack().cluster, 'GET', `/api/v1/nodes/${name}`)) as NodeLike;

/** Chromium logs every 4xx response as a console error; the conflict test causes one on purpose. */
const unexpectedErrors = () =>
  problems.consoleErrors.filter((message) => !message.startsWith('Failed to load resource'));

const { stack } = stackForSpecFile({
  installCrd: true,
  setup: async (started) => {
    await api(started.cluster, 'POST', '/apis/node.k8s.io/v1/runtimeclasses', {
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: RUNTIME_CLASS },
      handler: 'runc',
    });
    const nodes = (await api(started.cluster, 'GET', '/api/v1/nodes')) as { items: NodeLike[] };
    // A control-plane node: the MCO simulator leaves it alone while no KataConfig exists.
    const master = nodes.items.find(
      (n) => n.metadata.labels?.['node-role.kubernetes.io/master'] !== undefined,
    );
    nodeName = (master ?? nodes.items[0])?.metadata.name ?? '';
    ({ page, problems } = await openPage(started.browser));
    await page.route('**/api/plugins/kata-console-plugin/plugin-manifest.json', async (route) => {
      const response = await route.fetch();
      const manifest = (await response.json()) as { extensions: unknown[] };
      manifest.extensions.push(...PROBE_EXTENSIONS);
      await route.fulfill({ response, json: manifest });
    });
  },
});

const screenshot = (name: string) => saveScreenshot(page, name);

/** No serious or critical axe violations, in the light and then the dark theme. */
const expectAccessible = async (name: string) => {
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((dark) => {
      document.documentElement.classList.toggle('pf-v6-theme-dark', dark);
    }, theme === 'dark');
    await expectAxeClean(page);
    await screenshot(theme === 'dark' ? `${name}-dark` : name);
  }
  await page.evaluate(() => {
    document.documentElement.classList.remove('pf-v6-theme-dark');
  });
};

/** The plugin's list page heading (a details page has its own `page-heading` too). */
const listHeading = () => page.getByTestId('page-heading').filter({ hasText: 'KataConfigs' });

describe('dev console host SDK', () => {
  it('renders console.page/route extensions, above the generic resource routes', async () => {
    await page.goto(`${stack().admin.url}/k8s/cluster/nodes/${nodeName}/host-sdk-probe`);
    await listHeading().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('resource-summary').count()).toBe(0);
    expect(await page.getByTestId('not-found').count()).toBe(0);
    await screenshot('host-route-probe');

    // Without `exact` a route matches below its path; every path of an array is routed.
    await page.goto(`${stack().admin.url}/host-sdk-probe/deeper/path`);
    await listHeading().waitFor();
    await page.goto(`${stack().admin.url}/host-sdk-probe-alias`);
    await listHeading().waitFor();

    // Another perspective's route is not in the admin perspective.
    await page.goto(`${stack().admin.url}/host-sdk-dev-only`);
    await page.getByTestId('not-found').waitFor();
    expect(unexpectedErrors()).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 60_000);

  it.each([
    ['Node', () => `/k8s/cluster/nodes/${nodeName}`],
    [
      'MachineConfigPool',
      () => '/k8s/cluster/machineconfiguration.openshift.io~v1~MachineConfigPool/worker',
    ],
    ['RuntimeClass', () => `/k8s/cluster/node.k8s.io~v1~RuntimeClass/${RUNTIME_CLASS}`],
  ])(
    'adds console.tab/horizontalNav tabs to %s details, routed under the details URL',
    async (_kind, path) => {
      await page.goto(`${stack().admin.url}${path()}`);
      const nav = page.getByTestId('horizontal-nav');
      await page.getByTestId('resource-summary').waitFor({ timeout: 20_000 });
      // Extension tabs appear once their code references resolve.
      await nav.getByRole('tab', { name: 'Probe tab' }).waitFor();
      const tabs = await nav.getByRole('tab').allInnerTexts();
      // The page's own tabs first, then the extensions' (the plugin's real ones too), by name.
      expect(tabs.slice(0, 3)).toEqual(['Details', 'YAML', 'Events']);
      expect(tabs.slice(3)).toEqual([...tabs.slice(3)].sort((a, b) => a.localeCompare(b)));
      expect(tabs.filter((name) => name.startsWith('%'))).toEqual([]);
      await nav.getByText('Probe tab').click();
      await page.waitForURL(new RegExp(`${path()}/probe-tab$`));
      await listHeading().waitFor();
      expect(await page.getByTestId('resource-summary').count()).toBe(0);

      await page.goto(`${stack().admin.url}${path()}/no-such-tab`);
      await page.getByTestId('not-found').waitFor();
      expect(unexpectedErrors()).toEqual([]);
    },
    45_000,
  );

  it("adds console.tab/horizontalNav tabs to a plugin's own details page (HorizontalNav)", async () => {
    await createKataConfig(stack().cluster, 'host-sdk-probe');
    const path = '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/host-sdk-probe';
    await page.goto(`${stack().admin.url}${path}`);
    const nav = page.getByTestId('horizontal-nav');
    await nav.getByRole('tab', { name: 'Probe tab' }).waitFor({ timeout: 20_000 });
    // The plugin's page, not the host's generic one.
    expect(await page.getByTestId('resource-summary').count()).toBe(0);
    await nav.getByRole('tab', { name: 'Probe tab' }).click();
    await page.waitForURL(new RegExp(`${path}/probe-tab$`));
    await listHeading().waitFor();
    expect(unexpectedErrors()).toEqual([]);
  }, 45_000);

  it("saves a Node's label from the YAML tab and explains a conflicting change", async () => {
    await page.goto(`${stack().admin.url}/k8s/cluster/nodes/${nodeName}/yaml`);
    const editor = page.getByTestId('yaml-editor');
    await editor.waitFor({ timeout: 20_000 });
    await expectAccessible('host-node-yaml');

    const withLabel = (text: string, key: string, value: string) => {
      const object = load(text) as NodeLike;
      object.metadata.labels = { ...object.metadata.labels, [key]: value };
      return dump(object);
    };
    await editor.fill(withLabel(await editor.inputValue(), 'example.com/saved', 'yes'));
    await page.getByTestId('yaml-save').click();
    await page.getByTestId('yaml-saved').waitFor();
    expect((await getNode(nodeName)).metadata.labels?.['example.com/saved']).toBe('yes');

    // Edit again, and let someone else change the Node before Save.
    await editor.fill(withLabel(await editor.inputValue(), 'example.com/mine', 'lost'));
    await mergePatch(stack().cluster, `/api/v1/nodes/${nodeName}`, {
      metadata: { labels: { 'example.com/theirs': 'kept' } },
    });
    await page.getByTestId('yaml-stale').waitFor();
    await page.getByTestId('yaml-save').click();
    const error = page.getByTestId('yaml-error');
    await error.getByText('the object has been modified', { exact: false }).waitFor();
    await screenshot('host-node-yaml-conflict');
    // The typed text is kept until the user reloads.
    expect(await editor.inputValue()).toContain('example.com/mine: lost');
    expect((await getNode(nodeName)).metadata.labels?.['example.com/mine']).toBeUndefined();

    await error.getByRole('button', { name: 'Reload the latest version' }).click();
    await page.waitForFunction(() => {
      const area = document.querySelector<HTMLTextAreaElement>('[data-test="yaml-editor"]');
      return area?.value.includes('example.com/theirs: kept') === true;
    });
    expect(await editor.inputValue()).not.toContain('example.com/mine');
    expect(await page.getByTestId('yaml-error').count()).toBe(0);
    expect(unexpectedErrors()).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 60_000);

  it("streams a Node's events live, and only that Node's", async () => {
    await page.goto(`${stack().admin.url}/k8s/cluster/nodes/${nodeName}/events`);
    await page.getByTestId('events-streaming').waitFor({ timeout: 20_000 });
    const node = await getNode(nodeName);
    const event = (name: string, involved: { name: string; uid: string }, message: string) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'default' },
      involvedObject: { apiVersion: 'v1', kind: 'Node', ...involved },
      reason: 'HostSdkProbe',
      message,
      type: 'Warning',
      source: { component: 'host-sdk-test' },
      lastTimestamp: new Date().toISOString(),
    });
    await api(stack().cluster, 'POST', '/api/v1/namespaces/default/events', {
      ...event('other-node-event', { name: 'another-node', uid: 'another-uid' }, 'not this node'),
    });
    await api(stack().cluster, 'POST', '/api/v1/namespaces/default/events', {
      ...event('probe-event', { name: nodeName, uid: node.metadata.uid }, 'probe message'),
    });
    await page.getByTestId('event-message').getByText('probe message').waitFor();
    expect(await page.getByTestId('event-message').allInnerTexts()).not.toContain('not this node');
    await expectAccessible('host-node-events');
    expect(unexpectedErrors()).toEqual([]);
  }, 45_000);

  it('pages through lists with limit and continue (k8sList, consoleFetchJSON)', async () => {
    const total = ((await api(stack().cluster, 'GET', '/api/v1/nodes')) as { items: unknown[] })
      .items.length;
    const pages = await page.evaluate(async () => {
      const sdk = window.devConsoleSdk;
      if (!sdk) throw new Error('the host did not expose its SDK');
      const model = {
        apiVersion: 'v1',
        kind: 'Node',
        plural: 'nodes',
        label: 'Node',
        labelPlural: 'Nodes',
        abbr: 'N',
        namespaced: false,
      };
      interface NodeList {
        items: { metadata: { name: string } }[];
        metadata: { continue?: string };
      }
      // The SDK types k8sList's options without `raw`; console's implementation (the npm lib's,
      // which the host runs) returns the whole list with `metadata.continue` when it is set.
      const listRaw = sdk.k8sList as (options: object) => Promise<NodeList>;
      const names: string[][] = [];
      let token: string | undefined;
      do {
        const list = await listRaw({
          model,
          queryParams: { limit: '2', ...(token ? { continue: token } : {}) },
          raw: true,
        });
        names.push(list.items.map((item) => item.metadata.name));
        token = list.metadata.continue === '' ? undefined : list.metadata.continue;
      } while (token);
      // Without `raw` (the typed call) it is one page of items, as in console.
      const items = await sdk.k8sList({ model, queryParams: { limit: '2' } });
      const first = (await sdk.consoleFetchJSON('/api/kubernetes/api/v1/nodes?limit=1')) as {
        items: unknown[];
        metadata: { continue?: string };
      };
      return {
        names,
        itemsOnly: Array.isArray(items) ? items.length : -1,
        fetched: first.items.length,
        hasContinue: Boolean(first.metadata.continue),
      };
    });
    expect(pages.names.every((p) => p.length <= 2)).toBe(true);
    expect(pages.names.length).toBe(Math.ceil(total / 2));
    expect(new Set(pages.names.flat()).size).toBe(total);
    expect(pages).toMatchObject({ itemsOnly: 2, fetched: 1, hasContinue: true });
  }, 30_000);
});
