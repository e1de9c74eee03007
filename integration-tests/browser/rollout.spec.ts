/**
 * The live node rollout in the dev console, in Chromium, against the local cluster with the MCO
 * simulator and the bundled reconciler: the MachineConfigPool "Node rollout" tab shows the nodes
 * and follows a KataConfig install live; a node fault shows degraded with the node and the MCO's
 * reason, then recovers; the Node "Sandboxed containers" tab and the overview card summarise it;
 * every page passes axe.
 */
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { SimAnnotation } from '../../src/cluster/mco/simConstants';
import { kataConfigCrd } from '../../src/shared/kataconfig/crd';
import type { PageProblems, Reconciler, Stack } from './fixture';
import { api, openPage, SCREENSHOTS, startReconciler, startStack, windowErrors } from './fixture';

declare global {
  interface Window {
    rolloutTexts?: string[];
  }
}

const POOLS = '/k8s/cluster/machineconfiguration.openshift.io~v1~MachineConfigPool';
const rolloutTab = (pool: string) => `${POOLS}/${pool}/node-rollout`;
const FAULTY = 'worker-0';
const FAULT_REASON = 'injected by the rollout browser test: image pull timed out';

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
}, 180_000);

afterAll(async () => {
  await reconciler?.stop();
  await started?.stop();
});

const screenshot = (name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `rollout-${name}.png`), fullPage: true });

const expectAxeClean = async () => {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious).toEqual([]);
};

const annotateNode = (name: string, annotations: Record<string, string | null>) =>
  api(
    stack().cluster,
    'PATCH',
    `/api/v1/nodes/${name}`,
    { metadata: { annotations } },
    'application/merge-patch+json',
  );

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

const waitForPool = async (name: string) => {
  for (let i = 0; i < 600; i += 1) {
    try {
      await api(
        stack().cluster,
        'GET',
        `/apis/machineconfiguration.openshift.io/v1/machineconfigpools/${name}`,
      );
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  throw new Error(`pool ${name} was never created`);
};

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
    await expectAxeClean();
    expect(problems.consoleErrors).toEqual([]);
  }, 60_000);

  it('follows a KataConfig install live, shows the faulty node degraded with its reason, then recovery', async () => {
    // worker-0 will fail at the apply step with our reason until the annotation is removed.
    await annotateNode(FAULTY, {
      [SimAnnotation.fault]: 'fail-update',
      [SimAnnotation.faultReason]: FAULT_REASON,
    });
    reconciler = startReconciler(stack().cluster);
    await recordRolloutTexts();
    await api(stack().cluster, 'POST', '/apis/kataconfiguration.openshift.io/v1/kataconfigs', {
      apiVersion: 'kataconfiguration.openshift.io/v1',
      kind: 'KataConfig',
      metadata: { name: 'example-kataconfig' },
      spec: {},
    });
    // Labelled for kata, the workers leave the worker pool: its tab follows without a reload.
    await page.getByTestId('rollout-empty').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('rollout-view').getAttribute('data-pool')).toBe('worker');

    await waitForPool('kata-oc');
    await page.goto(`${stack().admin.url}${rolloutTab('kata-oc')}`);
    await page.getByTestId('rollout-view').waitFor({ timeout: 30_000 });
    await recordRolloutTexts();
    const faulty = page.getByTestId(`rollout-row-${FAULTY}`);
    try {
      await faulty.getByTestId('node-phase-degraded').waitFor({ timeout: 60_000 });
    } catch (error) {
      throw new Error(`${String(error)}\nreconciler:\n${reconciler.output().slice(-2000)}`);
    }
    expect(await faulty.getByTestId('rollout-row-detail').textContent()).toContain(FAULT_REASON);
    await page.getByTestId('rollout-degraded-alert').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('rollout-degraded-alert').textContent()).toContain(FAULTY);
    expect(await page.getByTestId('rollout-eta').textContent()).toContain('Time left unknown');
    await page.getByTestId('rollout-filter-degraded').getByRole('button').click();
    expect(await page.locator('tr[data-test^="rollout-row-"]').count()).toBe(1);
    await screenshot('kata-oc-degraded');
    await expectAxeClean();

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
    await expectAxeClean();
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
    await expectAxeClean();
    expect(problems.consoleErrors).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 60_000);
});
