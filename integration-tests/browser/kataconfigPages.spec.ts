/**
 * The KataConfig create form, details page and overview in the dev console, in Chromium, against
 * the local cluster with the MCO simulator and the bundled reconciler: the read-only user cannot
 * create; a server error keeps what was typed; a KataConfig created through the form for all
 * workers rolls every worker to Installed on the Rollout tab; one created with a label selector
 * rolls only the nodes it picks; every page passes axe.
 */
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { kataConfigCrd } from '../../src/shared/kataconfig/crd';
import type { PageProblems, Reconciler, Stack } from './fixture';
import { api, openPage, SCREENSHOTS, startReconciler, startStack, windowErrors } from './fixture';

const LIST_PATH = '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig';
const CREATE_PATH = `${LIST_PATH}/~new`;
const KATACONFIGS = '/apis/kataconfiguration.openshift.io/v1/kataconfigs';
const NAME = 'example-kataconfig';

let started: Stack | undefined;
let reconciler: Reconciler | undefined;
const stack = (): Stack => {
  if (!started) throw new Error('the dev stack did not start');
  return started;
};
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  started = await startStack();
  ({ page, problems } = await openPage(started.browser));
  await api(
    started.cluster,
    'POST',
    '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    kataConfigCrd(),
  );
  reconciler = startReconciler(started.cluster);
}, 180_000);

afterAll(async () => {
  await reconciler?.stop();
  await started?.stop();
});

const screenshot = (name: string, target: Page = page) =>
  target.screenshot({ path: join(SCREENSHOTS, `kataconfig-${name}.png`), fullPage: true });

const expectAxeClean = async (target: Page = page) => {
  const results = await new AxeBuilder({ page: target }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious).toEqual([]);
};

/** Runs a step; on failure says what the page showed and what the reconciler did. */
const withReconcilerOutput = async (step: () => Promise<unknown>) => {
  try {
    await step();
  } catch (error) {
    await screenshot('failure');
    const shown = await page
      .locator('main')
      .innerText()
      .catch(() => '');
    throw new Error(
      `${String(error)}\npage:\n${shown.slice(0, 3000)}\nreconciler output:\n${reconciler?.output().slice(-3000) ?? ''}`,
    );
  }
};

const kataConfigGone = async (): Promise<void> => {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const list = (await api(stack().cluster, 'GET', KATACONFIGS)) as { items: unknown[] };
    if (list.items.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the KataConfig was not deleted within 2 minutes');
};

describe('KataConfig pages', () => {
  it('does not let the read-only user create a KataConfig', async () => {
    const viewer = await openPage(stack().browser);
    await viewer.page.goto(`${stack().viewer.url}${CREATE_PATH}`);
    await viewer.page.getByTestId('create-forbidden').waitFor({ timeout: 30_000 });
    expect(await viewer.page.getByTestId('create-submit').isDisabled()).toBe(true);
    await screenshot('create-viewer', viewer.page);
    expect(viewer.problems.consoleErrors).toEqual([]);
    await viewer.page.context().close();
  }, 60_000);

  it('shows the server error and keeps what was typed', async () => {
    await page.goto(`${stack().admin.url}${CREATE_PATH}`);
    await page.getByTestId('kataconfig-name').waitFor({ timeout: 30_000 });
    await page.getByTestId('kataconfig-name').fill('rejected-kataconfig');
    await page.getByRole('button', { name: 'YAML view' }).click();
    const editor = page.getByTestId('kataconfig-yaml').locator('textarea');
    const yaml = await editor.inputValue();
    expect(yaml).toContain('name: rejected-kataconfig');
    // The CRD says logLevel is a string: the API server answers 422 Invalid.
    await editor.fill(yaml.replace('logLevel: info', 'logLevel: 5'));
    await page.getByTestId('create-submit').click();
    const error = page.getByTestId('server-error');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.textContent()).toContain('HTTP 422');
    expect(await error.textContent()).toContain('logLevel');
    expect(await editor.inputValue()).toContain('logLevel: 5');
    await page.getByRole('button', { name: 'Form view' }).click();
    expect(await page.getByTestId('kataconfig-name').inputValue()).toBe('rejected-kataconfig');
    await screenshot('create-server-error');
    const list = (await api(stack().cluster, 'GET', KATACONFIGS)) as { items: unknown[] };
    expect(list.items).toEqual([]);
    // The browser logs the 422 this test provoked; later tests look for unexpected errors only.
    expect(problems.consoleErrors).toEqual([expect.stringContaining('422 (Unprocessable Entity)')]);
    problems.consoleErrors.length = 0;
  }, 60_000);

  it('creates a KataConfig for all workers from the form and follows every node to Installed', async () => {
    await page.goto(`${stack().admin.url}${CREATE_PATH}`);
    await page.getByTestId('kataconfig-name').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('kataconfig-name').inputValue()).toBe(NAME);
    await page.getByTestId('node-preview-count').getByText('2 of 2 worker nodes match.').waitFor();
    expect(await page.getByTestId('impact-summary').textContent()).toContain(
      '2 nodes will be cordoned, drained and rebooted',
    );
    await expectAxeClean();
    await screenshot('create-form');
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/example-kataconfig\/rollout$/, { timeout: 15_000 });
    await withReconcilerOutput(async () => {
      for (const node of ['worker-0', 'worker-1']) {
        await page
          .getByTestId(`rollout-row-${node}`)
          .getByTestId('node-phase-done')
          .waitFor({ timeout: 90_000 });
      }
      await page
        .getByTestId('kataconfig-header-state')
        .getByText('Installed', { exact: true })
        .waitFor({ timeout: 60_000 });
    });
    await expectAxeClean();
    await screenshot('rollout-installed');

    await page.getByTestId('horizontal-nav').getByText('Details', { exact: true }).click();
    await page.getByTestId('kataconfig-details').waitFor();
    await page.getByTestId('nodes-installed').getByText('worker-1').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('owned-pool').textContent()).toContain('kata-oc');
    await expectAxeClean();
    await screenshot('details');

    await page.goto(`${stack().admin.url}/sandboxed-containers`);
    await page.getByTestId('overview-state').getByText('Installed').waitFor({ timeout: 30_000 });
    await expectAxeClean();
    await screenshot('overview');
    expect(problems.consoleErrors).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 240_000);

  it('creates a KataConfig with a label selector and rolls only the nodes it picks', async () => {
    await api(stack().cluster, 'DELETE', `${KATACONFIGS}/${NAME}`);
    await withReconcilerOutput(kataConfigGone);
    await api(
      stack().cluster,
      'PATCH',
      '/api/v1/nodes/worker-1',
      { metadata: { labels: { 'custom-kata1': 'test' } } },
      'application/merge-patch+json',
    );
    await page.goto(`${stack().admin.url}${CREATE_PATH}`);
    await page.getByTestId('kataconfig-name').waitFor({ timeout: 30_000 });
    await page.getByTestId('nodes-selector').check();
    await page.getByTestId('add-match-label').click();
    await page.getByTestId('match-label-key').fill('custom-kata1');
    await page.getByTestId('match-label-value').fill('test');
    await page.getByTestId('node-preview-count').getByText('1 of 2 worker nodes match.').waitFor();
    expect(await page.getByTestId('node-preview-names').textContent()).toContain('worker-1');
    await expectAxeClean();
    await screenshot('create-selector');
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/rollout$/, { timeout: 15_000 });
    await withReconcilerOutput(async () => {
      await page
        .getByTestId('rollout-row-worker-1')
        .getByTestId('node-phase-done')
        .waitFor({ timeout: 90_000 });
      await page
        .getByTestId('kataconfig-header-state')
        .getByText('Installed', { exact: true })
        .waitFor({ timeout: 60_000 });
    });
    expect(await page.getByTestId('rollout-row-worker-0').count()).toBe(0);
    const worker0 = (await api(stack().cluster, 'GET', '/api/v1/nodes/worker-0')) as {
      metadata: { labels: Record<string, string> };
    };
    expect(worker0.metadata.labels).not.toHaveProperty('node-role.kubernetes.io/kata-oc');
    await screenshot('rollout-selector');
    expect(problems.consoleErrors).toEqual([]);
  }, 300_000);
});
