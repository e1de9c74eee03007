/**
 * The live node rollout in the dev console, in Chromium, against the local cluster with the MCO
 * simulator and the bundled reconciler: the MachineConfigPool "Node rollout" tab shows the nodes
 * and follows a KataConfig install live; a node fault shows degraded with the node and the MCO's
 * reason, then recovers; the Node "Sandboxed containers" tab and the overview card summarise it;
 * every page passes axe.
 */
import type { Page } from 'playwright-core';
import { SimAnnotation } from '../../src/cluster/mco/simConstants';
import type { PageProblems } from './fixture';
import {
  api,
  createKataConfig,
  mergePatch,
  openPage,
  stackForSpecFile,
  succeeds,
  waitUntil,
  windowErrors,
} from './fixture';
import { expectAxeClean, saveScreenshot } from './pageHelpers';

declare global {
  interface Window {
    rolloutTexts?: string[];
  }
}

const POOLS = '/k8s/cluster/machineconfiguration.openshift.io~v1~MachineConfigPool';
const rolloutTab = (pool: string) => `${POOLS}/${pool}/node-rollout`;
const FAULTY = 'worker-0';
const FAULT_REASON = 'injected by the rollout browser test: image pull timed out';

let page: Page;
let problems: PageProblems;

const { stack, startReconciler, withReconcilerOutput } = stackForSpecFile({
  installCrd: true,
  setup: async (started) => {
    ({ page, problems } = await openPage(started.browser));
  },
});

const screenshot = (name: string) => saveScreenshot(page, `rollout-${name}`);

const annotateNode = (name: string, annotations: Record<string, string | null>) =>
  mergePatch(stack().cluster, `/api/v1/nodes/${name}`, { metadata: { annotations } });

/** Records every text the rollout view shows, so short phases are not missed. */
const recordRolloutTexts = () =>
  page.evaluate(() => {
    const seen: string[] = [];
    window.rolloutTexts = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-test="rollout-table"] tbody')?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

const waitForPool = (name: string) =>
  waitUntil(
    `pool ${name} to be created`,
    () =>
      succeeds(() =>
        api(
          stack().cluster,
          'GET',
          `/apis/machineconfiguration.openshift.io/v1/machineconfigpools/${name}`,
        ),
      ),
    120_000,
    200,
  );

describe('node rollout', () => {
  it("shows the worker pool's nodes, done, on its Node rollout tab", async () => {
    await page.goto(`${stack().admin.url}${rolloutTab('worker')}`);
    await page.getByTestId('rollout-view').waitFor({ timeout: 30_000 });
    await page
      .getByTestId('rollout-row-worker-0')
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        await screenshot('worker-failed');
        const shown = await page.getByTestId('rollout-view').textContent();
        throw new Error(`${String(error)}\nthe view shows: ${shown ?? ''}`);
      });
    await page.getByTestId('rollout-row-worker-1').waitFor();
    expect(await page.getByTestId('rollout-filter-done').textContent()).toBe('Done (2)');
    expect(await page.getByTestId('rollout-pool-state').textContent()).toContain('Up to date');
    await screenshot('worker-before');
    await expectAxeClean(page);
    expect(problems.consoleErrors).toEqual([]);
  }, 60_000);

  it('follows a KataConfig install live, shows the faulty node degraded with its reason, then recovery', async () => {
    // worker-0 will fail at the apply step with our reason until the annotation is removed.
    await annotateNode(FAULTY, {
      [SimAnnotation.fault]: 'fail-update',
      [SimAnnotation.faultReason]: FAULT_REASON,
    });
    startReconciler();
    await recordRolloutTexts();
    await createKataConfig(stack().cluster, 'example-kataconfig', {});
    // Labelled for kata, the workers leave the worker pool: its tab follows without a reload.
    await page.getByTestId('rollout-empty').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('rollout-view').getAttribute('data-pool')).toBe('worker');

    await waitForPool('kata-oc');
    await page.goto(`${stack().admin.url}${rolloutTab('kata-oc')}`);
    await page.getByTestId('rollout-view').waitFor({ timeout: 30_000 });
    await recordRolloutTexts();
    const faulty = page.getByTestId(`rollout-row-${FAULTY}`);
    await withReconcilerOutput(() =>
      faulty.getByTestId('node-phase-degraded').waitFor({ timeout: 60_000 }),
    );
    expect(await faulty.getByTestId('rollout-row-detail').textContent()).toContain(FAULT_REASON);
    await page.getByTestId('rollout-degraded-alert').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('rollout-degraded-alert').textContent()).toContain(FAULTY);
    expect(await page.getByTestId('rollout-eta').textContent()).toContain('Time left unknown');
    await page.getByTestId('rollout-filter-degraded').getByRole('button').click();
    expect(await page.locator('tr[data-test^="rollout-row-"]').count()).toBe(1);
    await screenshot('kata-oc-degraded');
    await expectAxeClean(page);

    // Recovery: the daemon retries the failed step and the node finishes.
    await annotateNode(FAULTY, { [SimAnnotation.fault]: null, [SimAnnotation.faultReason]: null });
    await page.getByTestId('rollout-filter-all').getByRole('button').click();
    await faulty.getByTestId('node-phase-done').waitFor({ timeout: 60_000 });
    await page.getByTestId(`rollout-row-worker-1`).getByTestId('node-phase-done').waitFor({
      timeout: 60_000,
    });
    await page
      .getByTestId('rollout-degraded-alert')
      .waitFor({ state: 'detached', timeout: 30_000 });
    const texts = await page.evaluate(() => window.rolloutTexts ?? []);
    // Live: the table went through at least one working phase before everything was done.
    expect(texts.some((t) => /Applying|Rebooting|Draining|Cordoned/.test(t))).toBe(true);
    expect(texts.at(-1)).toMatch(/Done.*Done/);
    await screenshot('kata-oc-done');
    expect(problems.consoleErrors).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 180_000);

  it("shows a node's sandboxed containers state on its Node tab", async () => {
    await page.goto(`${stack().admin.url}/k8s/cluster/nodes/worker-1/sandboxed-containers`);
    await page.getByTestId('node-kata-tab').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('node-kata-role').textContent()).toContain(
      'Labelled node-role.kubernetes.io/kata-oc',
    );
    await page.getByTestId('node-kata-lists').getByText('Installed').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('node-kata-kataconfig').textContent()).toContain(
      'example-kataconfig',
    );
    await page.getByTestId('node-phase-done').waitFor();
    await screenshot('node-tab');
    await expectAxeClean(page);
  }, 60_000);

  it('summarises the install on the cluster overview card, with a link to the KataConfig', async () => {
    await page.goto(`${stack().admin.url}/dashboards`);
    const card = page.getByTestId('kata-dashboard-card');
    await card.waitFor({ timeout: 30_000 });
    await card.getByText('Installed', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await card.getByTestId('kata-card-progress').textContent()).toContain(
      '2 of 2 nodes updated',
    );
    expect(await card.getByTestId('kata-card-details-link').getAttribute('href')).toBe(
      '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/example-kataconfig',
    );
    await screenshot('dashboard-card');
    await expectAxeClean(page);
    expect(problems.consoleErrors).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 60_000);
});
