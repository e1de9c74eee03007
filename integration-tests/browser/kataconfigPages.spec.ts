/**
 * The KataConfig create form, details page and overview in the dev console, in Chromium, against
 * the local cluster with the MCO simulator and the bundled reconciler: the read-only user cannot
 * create; a server error keeps what was typed; a KataConfig created through the form for all
 * workers rolls every worker to Installed on the Rollout tab; one created with a label selector
 * rolls only the nodes it picks; every page passes axe.
 */
import type { Page } from 'playwright-core';
import type { PageProblems } from './fixture';
import {
  api,
  KATACONFIGS,
  mergePatch,
  openPage,
  stackForSpecFile,
  waitUntil,
  windowErrors,
} from './fixture';
import { expectAxeClean, saveScreenshot } from './pageHelpers';

const LIST_PATH = '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig';
const CREATE_PATH = `${LIST_PATH}/~new`;
const NAME = 'example-kataconfig';

let page: Page;
let problems: PageProblems;

const session = stackForSpecFile({
  installCrd: true,
  setup: async (started) => {
    ({ page, problems } = await openPage(started.browser));
    session.startReconciler();
  },
});
const { stack } = session;

const screenshot = (name: string, target: Page = page) =>
  saveScreenshot(target, `kataconfig-${name}`);

/** Runs a step; on failure says what the page showed and what the reconciler did. */
const withReconcilerOutput = (step: () => Promise<unknown>) =>
  session.withReconcilerOutput(async () => {
    try {
      await step();
    } catch (error) {
      await screenshot('failure');
      const shown = await page
        .locator('main')
        .innerText()
        .catch(() => '');
      throw new Error(`${String(error)}\npage:\n${shown.slice(0, 3000)}`);
    }
  });

const kataConfigGone = () =>
  waitUntil(
    'the KataConfig to be deleted',
    async () => {
      const list = (await api(stack().cluster, 'GET', KATACONFIGS)) as { items: unknown[] };
      return list.items.length === 0;
    },
    120_000,
    500,
  );

/** Waits on the Rollout tab until each of `nodes` is done and the KataConfig is Installed. */
const rolledOutTo = async (nodes: string[]) => {
  for (const node of nodes) {
    await page
      .getByTestId(`rollout-row-${node}`)
      .getByTestId('node-phase-done')
      .waitFor({ timeout: 90_000 });
  }
  await page
    .getByTestId('kataconfig-header-state')
    .getByText('Installed', { exact: true })
    .waitFor({ timeout: 60_000 });
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
    await expectAxeClean(page);
    await screenshot('create-form');
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/example-kataconfig\/rollout$/, { timeout: 15_000 });
    await withReconcilerOutput(() => rolledOutTo(['worker-0', 'worker-1']));
    await expectAxeClean(page);
    await screenshot('rollout-installed');

    await page.getByTestId('horizontal-nav').getByText('Details', { exact: true }).click();
    await page.getByTestId('kataconfig-details').waitFor();
    await page.getByTestId('nodes-installed').getByText('worker-1').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('owned-pool').textContent()).toContain('kata-oc');
    await expectAxeClean(page);
    await screenshot('details');

    await page.goto(`${stack().admin.url}/sandboxed-containers`);
    await page.getByTestId('overview-state').getByText('Installed').waitFor({ timeout: 30_000 });
    await expectAxeClean(page);
    await screenshot('overview');
    expect(problems.consoleErrors).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 240_000);

  it('creates a KataConfig with a label selector and rolls only the nodes it picks', async () => {
    await api(stack().cluster, 'DELETE', `${KATACONFIGS}/${NAME}`);
    await withReconcilerOutput(kataConfigGone);
    await mergePatch(stack().cluster, '/api/v1/nodes/worker-1', {
      metadata: { labels: { 'custom-kata1': 'test' } },
    });
    await page.goto(`${stack().admin.url}${CREATE_PATH}`);
    await page.getByTestId('kataconfig-name').waitFor({ timeout: 30_000 });
    await page.getByTestId('nodes-selector').check();
    await page.getByTestId('add-match-label').click();
    await page.getByTestId('match-label-key').fill('custom-kata1');
    await page.getByTestId('match-label-value').fill('test');
    await page.getByTestId('node-preview-count').getByText('1 of 2 worker nodes match.').waitFor();
    expect(await page.getByTestId('node-preview-names').textContent()).toContain('worker-1');
    await expectAxeClean(page);
    await screenshot('create-selector');
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/rollout$/, { timeout: 15_000 });
    await withReconcilerOutput(() => rolledOutTo(['worker-1']));
    expect(await page.getByTestId('rollout-row-worker-0').count()).toBe(0);
    const worker0 = (await api(stack().cluster, 'GET', '/api/v1/nodes/worker-0')) as {
      metadata: { labels: Record<string, string> };
    };
    expect(worker0.metadata.labels).not.toHaveProperty('node-role.kubernetes.io/kata-oc');
    await screenshot('rollout-selector');
    expect(problems.consoleErrors).toEqual([]);
  }, 300_000);
});
