/**
 * The built plugin in the dev console, in Chromium, against the local cluster: it loads cleanly,
 * its navigation follows the KataConfig CRD, its list is live, RBAC hides what the read-only user
 * may not do, and the list page passes an axe scan.
 */
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { kataConfigCrd } from '../../src/shared/kataconfig/crd';
import { IN_PROGRESS_MESSAGES, IN_PROGRESS_REASONS } from '../../src/shared/kataconfig/constants';
import type { PageProblems, Stack } from './fixture';
import { api, openPage, SCREENSHOTS, startStack, windowErrors } from './fixture';

const LIST_PATH = '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig';
const KATACONFIGS = '/apis/kataconfiguration.openshift.io/v1/kataconfigs';
const NAME = 'example-kataconfig';

let started: Stack | undefined;

/** The stack beforeAll started (a failed start fails every test, never skips it). */
const stack = (): Stack => {
  if (!started) throw new Error('the dev stack did not start');
  return started;
};
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  started = await startStack();
  ({ page, problems } = await openPage(started.browser));
}, 180_000);

afterAll(async () => {
  await started?.stop();
});

const screenshot = (name: string, target: Page = page) =>
  target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

describe('dev console', () => {
  it('loads the plugin with no console errors and no missing translation keys', async () => {
    await page.goto(`${stack().admin.url}/`);
    await page.getByTestId('plugin-kata-console-plugin').getByText('loaded').waitFor();
    await screenshot('overview');
    expect(problems.consoleErrors).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 30_000);

  it('shows the Sandboxed containers section only once the KataConfig CRD exists', async () => {
    await page.getByText('Nodes').first().waitFor();
    expect(await page.getByTestId('nav-sandboxed-containers').count()).toBe(0);

    await api(
      stack().cluster,
      'POST',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      kataConfigCrd(),
    );
    // No reload: the host re-runs discovery when CRDs change and sets the KATACONFIG flag.
    await page.getByTestId('nav-sandboxed-containers').waitFor({ timeout: 15_000 });
    await screenshot('nav-with-crd');
  }, 30_000);

  it('lists a KataConfig created through the API and follows its status live', async () => {
    await page.getByTestId('nav-kataconfigs').click();
    await page.getByTestId('empty-state').waitFor();
    await api(stack().cluster, 'POST', KATACONFIGS, {
      apiVersion: 'kataconfiguration.openshift.io/v1',
      kind: 'KataConfig',
      metadata: { name: NAME },
      spec: {},
    });
    const row = page.getByTestId(`kataconfig-row-${NAME}`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).not.toContain('Installing');

    await api(
      stack().cluster,
      'PATCH',
      `${KATACONFIGS}/${NAME}/status`,
      {
        status: {
          kataNodes: {
            nodeCount: 3,
            readyNodeCount: 1,
            installed: ['worker-0'],
            installing: ['worker-1'],
          },
          conditions: [
            {
              type: 'InProgress',
              status: 'True',
              reason: IN_PROGRESS_REASONS.installing,
              message: IN_PROGRESS_MESSAGES.installing,
              lastTransitionTime: new Date().toISOString(),
            },
          ],
        },
      },
      'application/merge-patch+json',
    );
    await row.getByText('Installing').waitFor({ timeout: 15_000 });
    await expect(row.getByTestId('nodes-ready').textContent()).resolves.toBe('1 of 3');
    await screenshot('kataconfig-list');
    expect(await page.getByTestId('create-kataconfig').count()).toBe(1);
    expect(problems.consoleErrors).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 45_000);

  it('passes an axe scan of the list page with no serious or critical violations', async () => {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
  }, 30_000);

  it('renders the list page in the dark theme', async () => {
    await page.getByText('Dark theme').click();
    await screenshot('kataconfig-list-dark');
    expect(
      await page.evaluate(() => document.documentElement.classList.contains('pf-v6-theme-dark')),
    ).toBe(true);
  }, 15_000);

  it('shows the read-only user the list without a create button', async () => {
    const viewer = await openPage(stack().browser);
    await viewer.page.goto(`${stack().viewer.url}${LIST_PATH}`);
    await viewer.page.getByTestId(`kataconfig-row-${NAME}`).waitFor({ timeout: 15_000 });
    await viewer.page.getByTestId('user-name').getByText('viewer').waitFor();
    expect(await viewer.page.getByTestId('create-kataconfig').count()).toBe(0);
    await screenshot('kataconfig-list-viewer', viewer.page);
    expect(viewer.problems.consoleErrors).toEqual([]);
    await viewer.page.context().close();
  }, 30_000);

  it('shows core kinds the plugin links to on a generic details page with YAML', async () => {
    await page.goto(`${stack().admin.url}/k8s/cluster/namespaces/default`);
    await page.getByTestId('resource-yaml').getByText('name: default').first().waitFor();
    await screenshot('namespace-details');
  }, 20_000);
});
