/**
 * The Pod overhead tab on RuntimeClass `kata`, in Chromium, against the local cluster after a
 * real install by the bundled reconciler and the MCO simulator: warnings as the user types, a
 * saved edit that admission gives to new kata pods only, a conflicting edit resolved by reloading
 * without losing typed values, the read-only user, and axe in both themes.
 */
import type { Page } from 'playwright-core';
import type { Node, Pod, RuntimeClass } from '../../src/shared/k8s/types';
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
import { expectAxeClean, inLightAndDarkThemes, saveScreenshot } from './pageHelpers';

const RUNTIME_CLASS = '/apis/node.k8s.io/v1/runtimeclasses/kata';
const TAB_PATH = '/k8s/cluster/node.k8s.io~v1~RuntimeClass/kata/pod-overhead';
const DETAILS_PATH = '/k8s/cluster/node.k8s.io~v1~RuntimeClass/kata';
const PODS = '/api/v1/namespaces/default/pods';

let page: Page;
let problems: PageProblems;

const session = stackForSpecFile({
  installCrd: true,
  setup: async (started) => {
    session.startReconciler();
    await createKataConfig(started.cluster, 'example-kataconfig', {});
    await session.withReconcilerOutput(() =>
      waitUntil(
        'the reconciler to create RuntimeClass kata',
        () => succeeds(getRuntimeClass),
        120_000,
      ),
    );
    ({ page, problems } = await openPage(started.browser));
  },
  setupTimeoutMs: 300_000,
});
const { stack } = session;

const screenshot = (name: string, target: Page = page) => saveScreenshot(target, name);

const getRuntimeClass = async (): Promise<RuntimeClass> =>
  (await api(stack().cluster, 'GET', RUNTIME_CLASS)) as RuntimeClass;

const createKataPod = async (name: string): Promise<Pod> =>
  (await api(stack().cluster, 'POST', PODS, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { runtimeClassName: 'kata', containers: [{ name: 'app', image: 'app:1' }] },
  })) as Pod;

const openTab = async (target: Page, url: string) => {
  await target.goto(`${url}${TAB_PATH}`);
  try {
    await target.getByTestId('pod-overhead-tab').waitFor({ timeout: 40_000 });
  } catch (error) {
    // Say what the page shows instead, so a failure explains itself.
    const shown = await target.locator('body').innerText();
    throw new Error(
      `${String(error)}\npage text:\n${shown.slice(0, 2000)}\nwindow errors: ${JSON.stringify(
        await windowErrors(target),
      )}`,
    );
  }
};

const fill = async (resource: 'cpu' | 'memory', value: string) => {
  await page.getByTestId(`overhead-input-${resource}`).fill(value);
};

describe('Pod overhead tab', () => {
  let oldPod: Pod;

  it('shows the overhead the reconciler set, with handler, scheduling and admission', async () => {
    oldPod = await createKataPod('old-kata');
    expect(oldPod.spec?.overhead).toEqual({ cpu: '250m', memory: '350Mi' });

    await openTab(page, stack().admin.url);
    await expect(page.getByTestId('overhead-input-cpu').inputValue()).resolves.toBe('250m');
    await expect(page.getByTestId('overhead-input-memory').inputValue()).resolves.toBe('350Mi');
    expect(await page.getByTestId('runtimeclass-handler').textContent()).toBe('kata');
    expect(await page.getByTestId('runtimeclass-node-selector').textContent()).toContain(
      'node-role.kubernetes.io/kata-oc',
    );
    expect(await page.getByTestId('overhead-reconciler-fact').textContent()).toContain(
      'never overwrites',
    );
    await screenshot('overhead-tab');
  }, 60_000);

  it('warns as the user types a too-low and a too-high value', async () => {
    await fill('memory', '100Mi');
    const low = page.getByTestId('overhead-finding-belowMeasuredDefault-memory');
    await low.waitFor();
    expect(await low.textContent()).toContain('OOM-kill QEMU or virtiofsd');
    await screenshot('overhead-too-low');

    const nodes = (await api(stack().cluster, 'GET', '/api/v1/nodes')) as { items: Node[] };
    const kataNodes = nodes.items
      .filter((node) => node.metadata?.labels?.['node-role.kubernetes.io/kata-oc'] !== undefined)
      .map((node) => node.metadata?.name ?? '');
    expect(kataNodes.length).toBeGreaterThan(0);
    await fill('memory', '64Gi');
    const high = page.getByTestId('overhead-finding-exceedsNodeAllocatable-memory');
    await high.waitFor();
    const highText = (await high.textContent()) ?? '';
    expect(kataNodes.some((name) => highText.includes(`node ${name} can allocate`))).toBe(true);
    expect(highText).toContain('New kata pods cannot be scheduled');
    await screenshot('overhead-too-high');

    await fill('memory', '350 Mi');
    await page.getByTestId('overhead-invalid-memory').waitFor();
    expect(await page.getByTestId('overhead-save').isDisabled()).toBe(true);
  }, 30_000);

  it('saves a valid edit after a diff; new kata pods get it from admission, old ones keep theirs', async () => {
    await fill('memory', '512Mi');
    await fill('cpu', '300m');
    await page.getByTestId('overhead-finding-appliesToNewPodsOnly').waitFor();
    expect(await page.getByTestId('overhead-finding-appliesToNewPodsOnly').textContent()).toContain(
      '1 at the moment',
    );
    await page.getByTestId('overhead-save').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('overhead-diff-memory').textContent()).toBe('Memory350Mi512Mi');
    await screenshot('overhead-confirm');
    await dialog.getByTestId('overhead-confirm-save').click();
    await page.getByTestId('overhead-saved').waitFor({ timeout: 10_000 });
    await screenshot('overhead-saved');

    expect((await getRuntimeClass()).overhead?.podFixed).toEqual({ cpu: '300m', memory: '512Mi' });
    const newPod = await createKataPod('new-kata');
    expect(newPod.spec?.overhead).toEqual({ cpu: '300m', memory: '512Mi' });
    const old = (await api(stack().cluster, 'GET', `${PODS}/old-kata`)) as Pod;
    expect(old.spec?.overhead).toEqual({ cpu: '250m', memory: '350Mi' });
  }, 30_000);

  it('keeps the edit: the running reconciler does not overwrite it', async () => {
    // Touch the KataConfig so the reconciler runs a pass, then check the overhead again.
    await mergePatch(
      stack().cluster,
      '/apis/kataconfiguration.openshift.io/v1/kataconfigs/example-kataconfig',
      { metadata: { labels: { touched: 'yes' } } },
    );
    await new Promise((done) => setTimeout(done, 3000));
    expect((await getRuntimeClass()).overhead?.podFixed).toEqual({ cpu: '300m', memory: '512Mi' });
  }, 15_000);

  it('handles a change made through the API meanwhile: explains, reloads, keeps typed values', async () => {
    await openTab(page, stack().admin.url);
    await fill('memory', '640Mi');
    // Someone else changes the CPU after the user started editing.
    await mergePatch(stack().cluster, RUNTIME_CLASS, {
      overhead: { podFixed: { cpu: '400m', memory: '512Mi' } },
    });
    await page.getByTestId('overhead-save').click();
    await page.getByRole('dialog').getByTestId('overhead-confirm-save').click();
    const conflict = page.getByTestId('overhead-conflict');
    await conflict.waitFor({ timeout: 10_000 });
    expect(await conflict.textContent()).toContain('Nothing was saved');
    expect((await getRuntimeClass()).overhead?.podFixed?.cpu).toBe('400m');
    await screenshot('overhead-conflict');

    await page.getByTestId('overhead-reload').click();
    await conflict.waitFor({ state: 'detached' });
    expect(await page.getByTestId('overhead-input-memory').inputValue()).toBe('640Mi');
    // The CPU the user did not touch now shows the other change; the diff only changes memory.
    expect(await page.getByTestId('overhead-input-cpu').inputValue()).toBe('400m');
    await page.getByTestId('overhead-save').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('overhead-diff-cpu').textContent()).toBe(
      'CPU400m400m (unchanged)',
    );
    expect(await dialog.getByTestId('overhead-diff-memory').textContent()).toBe('Memory512Mi640Mi');
    await dialog.getByTestId('overhead-confirm-save').click();
    await page.getByTestId('overhead-saved').waitFor({ timeout: 10_000 });
    expect((await getRuntimeClass()).overhead?.podFixed).toEqual({ cpu: '400m', memory: '640Mi' });
  }, 60_000);

  it('opens from the "Edit pod overhead" action on the RuntimeClass', async () => {
    await page.goto(`${stack().admin.url}${DETAILS_PATH}`);
    await page.getByTestId('actions-menu-button').click();
    await page.getByText('Edit pod overhead').click();
    await page.waitForURL(/\/pod-overhead$/);
    await page.getByTestId('pod-overhead-tab').waitFor({ timeout: 40_000 });
  }, 60_000);

  it('passes an axe scan with no serious violations, in light and dark themes', async () => {
    await openTab(page, stack().admin.url);
    await fill('memory', '100Mi');
    await page.getByTestId('overhead-finding-belowMeasuredDefault-memory').waitFor();
    await inLightAndDarkThemes(page, async (theme) => {
      await expectAxeClean(page, theme);
      await screenshot(`overhead-axe-${theme}`);
    });
    // The conflict test's refused save is the one failed request the browser logs.
    expect(problems.consoleErrors.filter((text) => !text.includes('409 (Conflict)'))).toEqual([]);
    expect(problems.consoleErrors.filter((text) => text.includes('409 (Conflict)'))).toHaveLength(
      1,
    );
    expect(await windowErrors(page)).toEqual([]);
  }, 120_000);

  it('shows the read-only user the values with no edit or save', async () => {
    const viewer = await openPage(stack().browser);
    await openTab(viewer.page, stack().viewer.url);
    await viewer.page.getByTestId('user-name').getByText('viewer').waitFor();
    expect(await viewer.page.getByTestId('overhead-value-memory').textContent()).toBe('640Mi');
    await viewer.page.getByTestId('overhead-read-only').waitFor();
    expect(await viewer.page.getByTestId('overhead-input-memory').count()).toBe(0);
    expect(await viewer.page.getByTestId('overhead-save').count()).toBe(0);
    await screenshot('overhead-viewer', viewer.page);
    expect(viewer.problems.consoleErrors).toEqual([]);
    await viewer.page.context().close();
  }, 60_000);
});
