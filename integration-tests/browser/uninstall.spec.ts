/**
 * The uninstall wizard in the dev console against the local cluster, the bundled reconciler and
 * the MCO simulator: it lists the kata pods that block an uninstall (one owned by a Deployment,
 * one bare), clears them (scale to zero, delete), deletes the KataConfig and follows the rollout
 * until the object is gone; an uninstall started while a kata pod exists shows the operator's
 * BlockedByExistingKataPods message and returns to the list; the read-only user sees no
 * destructive action; every step passes axe.
 */
import type { Page } from 'playwright-core';
import type { PageProblems } from './fixture';
import {
  api,
  createKataConfig,
  KATACONFIGS,
  openPage,
  stackForSpecFile,
  waitUntil,
  windowErrors,
} from './fixture';
import { expectAxeClean, saveScreenshot } from './pageHelpers';

const NAME = 'example-kataconfig';
const WIZARD_PATH = `/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/${NAME}/uninstall`;
const NAMESPACE = 'kata-apps';

let page: Page;
let problems: PageProblems;

const session = stackForSpecFile({
  installCrd: true,
  setup: async (started) => {
    await api(started.cluster, 'POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    });
    session.startReconciler();
    await installKataConfig();
    await api(
      started.cluster,
      'POST',
      `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
      webDeployment,
    );
    await api(started.cluster, 'POST', `/api/v1/namespaces/${NAMESPACE}/pods`, kataPod('bare'));
    await eventually('the Deployment pod', async () =>
      (await podsIn(NAMESPACE)).some((name) => name.startsWith('web-')),
    );
    ({ page, problems } = await openPage(started.browser));
  },
  setupTimeoutMs: 240_000,
});
const { stack } = session;

const screenshot = (name: string, target: Page = page) => saveScreenshot(target, name);

/** Polls `check` every 250 ms until it holds; fails with `what` and the reconciler's output. */
const eventually = (what: string, check: () => Promise<boolean>, timeoutMs = 90_000) =>
  session.withReconcilerOutput(() => waitUntil(what, check, timeoutMs));

interface KataConfigShape {
  metadata?: { deletionTimestamp?: string };
  status?: {
    runtimeClasses?: string[];
    kataNodes?: { nodeCount?: number; readyNodeCount?: number };
    conditions?: { type: string; status: string; reason?: string }[];
  };
}

const getKataConfig = async (): Promise<KataConfigShape | null> => {
  try {
    return (await api(stack().cluster, 'GET', `${KATACONFIGS}/${NAME}`)) as KataConfigShape;
  } catch (error) {
    if (String(error).includes(': 404 ')) return null;
    throw error;
  }
};

/** Creates the KataConfig and waits until the reconciler and the MCO report it installed. */
const installKataConfig = async () => {
  await createKataConfig(stack().cluster, NAME, {});
  await eventually('the KataConfig to be installed', async () => {
    const status = (await getKataConfig())?.status;
    const nodes = status?.kataNodes;
    const inProgress = status?.conditions?.find((c) => c.type === 'InProgress');
    return (
      (status?.runtimeClasses ?? []).includes('kata') &&
      (nodes?.nodeCount ?? 0) > 0 &&
      nodes?.readyNodeCount === nodes?.nodeCount &&
      inProgress?.status === 'False'
    );
  });
};

const podsIn = async (namespace: string): Promise<string[]> => {
  const list = (await api(stack().cluster, 'GET', `/api/v1/namespaces/${namespace}/pods`)) as {
    items: { metadata: { name: string } }[];
  };
  return list.items.map((item) => item.metadata.name);
};

const kataPod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: NAMESPACE },
  spec: { runtimeClassName: 'kata', containers: [{ name: 'main', image: 'app:1' }] },
});

const webDeployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: NAMESPACE },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { runtimeClassName: 'kata', containers: [{ name: 'main', image: 'app:1' }] },
    },
  },
};

const nextStep = () => page.getByTestId('wizard-next').click();

describe('uninstall wizard', () => {
  it('shows the read-only user the impact and the blocking pods, with no destructive action', async () => {
    const viewer = await openPage(stack().browser);
    await viewer.page.goto(`${stack().viewer.url}${WIZARD_PATH}`);
    await viewer.page.getByTestId('uninstall-impact').waitFor({ timeout: 20_000 });
    await viewer.page.getByTestId('wizard-next').click();
    await viewer.page.getByTestId(`blocking-pod-${NAMESPACE}/bare`).waitFor({ timeout: 20_000 });
    await viewer.page.locator(`[data-test^="blocking-pod-${NAMESPACE}/web-"]`).waitFor();
    expect(await viewer.page.getByTestId('delete-pod').count()).toBe(0);
    expect(await viewer.page.getByTestId('stop-owner').count()).toBe(0);
    expect(await viewer.page.getByTestId('bulk-delete-pods').count()).toBe(0);
    expect(await viewer.page.getByRole('checkbox').count()).toBe(0);
    await screenshot('uninstall-blocking-pods-viewer', viewer.page);
    await viewer.page.getByTestId('wizard-next').click();
    await viewer.page.getByTestId('confirm-forbidden').waitFor();
    expect(await viewer.page.getByTestId('confirm-name').count()).toBe(0);
    expect(await viewer.page.getByTestId('wizard-next').isDisabled()).toBe(true);
    expect(viewer.problems.consoleErrors).toEqual([]);
    await viewer.page.context().close();
  }, 60_000);

  it('lists both blocking pods, clears them, confirms and follows the rollout until the KataConfig is gone', async () => {
    await page.goto(`${stack().admin.url}${WIZARD_PATH}`);
    const impact = page.getByTestId('uninstall-impact');
    await impact.waitFor({ timeout: 20_000 });
    await page.getByTestId('impact-nodes').getByText('worker-0').waitFor();
    expect(await page.getByTestId('impact-runtime-classes').textContent()).toContain('kata');
    await screenshot('uninstall-impact');
    await expectAxeClean(page, 'impact');

    await nextStep();
    const bare = page.getByTestId(`blocking-pod-${NAMESPACE}/bare`);
    const web = page.locator(`[data-test^="blocking-pod-${NAMESPACE}/web-"]`);
    await bare.waitFor({ timeout: 20_000 });
    await web.waitFor();
    // The owner is a link to the Deployment (after console's kind badge).
    expect(await web.getByTestId('pod-owner').getByRole('link').textContent()).toBe('web');
    expect(await bare.getByTestId('pod-owner').textContent()).toBe('None (bare pod)');
    await page.getByTestId('scan-status').getByText('2 blocking pod(s), updated live').waitFor();
    await screenshot('uninstall-blocking-pods');
    await expectAxeClean(page, 'blocking pods');
    await page.getByText('Dark theme').click();
    await expectAxeClean(page, 'blocking pods, dark');
    await screenshot('uninstall-blocking-pods-dark');
    await page.getByText('Dark theme').click();

    // Scale the Deployment to zero: its pod goes, live, and stays gone.
    await web.getByTestId('stop-owner').click();
    const modal = page.getByTestId('pod-action-modal');
    await modal.getByText(`Scale Deployment ${NAMESPACE}/web to 0 replicas`).waitFor();
    await screenshot('uninstall-scale-confirm');
    await expectAxeClean(page, 'scale dialog');
    await modal.getByTestId('pod-action-confirm').click();
    await web.waitFor({ state: 'detached', timeout: 20_000 });
    const deployment = (await api(
      stack().cluster,
      'GET',
      `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/web`,
    )) as { spec: { replicas: number } };
    expect(deployment.spec.replicas).toBe(0);

    // Delete the bare pod: the list says nothing blocks any more.
    await bare.getByTestId('delete-pod').click();
    await modal.getByTestId('pod-action-confirm').click();
    await page.getByTestId('blocking-pods-empty').waitFor({ timeout: 20_000 });
    expect(await podsIn(NAMESPACE)).toEqual([]);
    await screenshot('uninstall-blocking-pods-cleared');

    await nextStep();
    await page.getByTestId('confirm-name').fill(NAME);
    await screenshot('uninstall-confirm');
    await expectAxeClean(page, 'confirm');
    await nextStep();
    await page.getByTestId('uninstall-progress').waitFor({ timeout: 15_000 });
    await page.getByTestId('rollout-view').waitFor();
    await screenshot('uninstall-progress');
    await expectAxeClean(page, 'progress');

    await page.getByTestId('uninstall-done').waitFor({ timeout: 120_000 });
    expect(await getKataConfig()).toBeNull();
    await screenshot('uninstall-done');
    await expectAxeClean(page, 'done');
    expect(problems.consoleErrors).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 240_000);

  it('shows BlockedByExistingKataPods when deleted while a kata pod exists, returns to the list, and finishes once it is cleared', async () => {
    await installKataConfig();
    await api(stack().cluster, 'POST', `/api/v1/namespaces/${NAMESPACE}/pods`, kataPod('blocker'));
    await page.goto(`${stack().admin.url}${WIZARD_PATH}`);
    await page.getByTestId('uninstall-impact').waitFor({ timeout: 20_000 });
    await nextStep();
    await page.getByTestId(`blocking-pod-${NAMESPACE}/blocker`).waitFor({ timeout: 20_000 });
    await nextStep();
    await page.getByTestId('confirm-blocking-pods').waitFor();
    await page.getByTestId('confirm-name').fill(NAME);
    await nextStep();

    // The operator refuses to proceed; the wizard goes back to the pods with its message.
    const message = page.getByTestId('uninstall-blocked-message');
    await message.waitFor({ timeout: 30_000 });
    expect(await message.textContent()).toContain(
      'existing pods using "kata" RuntimeClass found. Please delete the pods manually for KataConfig deletion to proceed',
    );
    const blocker = page.getByTestId(`blocking-pod-${NAMESPACE}/blocker`);
    await blocker.waitFor();
    expect((await getKataConfig())?.metadata?.deletionTimestamp).toBeTruthy();
    await screenshot('uninstall-blocked');
    await expectAxeClean(page, 'blocked');

    await blocker.getByTestId('delete-pod').click();
    await page.getByTestId('pod-action-modal').getByTestId('pod-action-confirm').click();
    await page.getByTestId('blocking-pods-empty').waitFor({ timeout: 20_000 });
    await page.getByTestId('wizard-next').getByText('Follow the uninstall').click();
    await page.getByTestId('uninstall-done').waitFor({ timeout: 150_000 });
    expect(await getKataConfig()).toBeNull();
    expect(problems.consoleErrors).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 360_000);
});
