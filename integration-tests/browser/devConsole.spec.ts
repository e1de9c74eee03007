/**
 * The built plugin in the dev console, in Chromium, against the local cluster: it loads cleanly,
 * its navigation follows the KataConfig CRD, its list is live, RBAC hides what the read-only user
 * may not do, and the list page passes an axe scan.
 */
import type { Page } from 'playwright-core';
import type { PageProblems } from './fixture';
import {
  createKataConfig,
  installKataConfigCrd,
  openPage,
  stackForSpecFile,
  windowErrors,
} from './fixture';
import { expectAxeClean, inLightAndDarkThemes, saveScreenshot } from './pageHelpers';

declare global {
  interface Window {
    rowTexts?: string[];
  }
}

const LIST_PATH = '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig';
const NAME = 'example-kataconfig';

const DETAILS_PATH = `${LIST_PATH}/${NAME}`;

/** Every page the plugin contributes or links to, with a marker that says it has rendered. */
const PAGES = [
  { name: 'kataconfig-list', path: LIST_PATH, ready: `kataconfig-row-${NAME}` },
  { name: 'kataconfig-details', path: DETAILS_PATH, ready: 'kataconfig-details' },
  { name: 'kataconfig-yaml', path: `${DETAILS_PATH}/yaml`, ready: 'resource-yaml' },
  { name: 'kataconfig-create', path: `${LIST_PATH}/~new`, ready: 'kataconfig-create-form' },
  { name: 'dashboards', path: '/dashboards', ready: 'dashboard-empty' },
];

let page: Page;
let problems: PageProblems;

const { stack, startReconciler, withReconcilerOutput } = stackForSpecFile({
  setup: async (started) => {
    ({ page, problems } = await openPage(started.browser));
  },
});

const screenshot = (name: string, target: Page = page) => saveScreenshot(target, name);

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

    await installKataConfigCrd(stack().cluster);
    // No reload: the host re-runs discovery when CRDs change and sets the KATACONFIG flag.
    await page.getByTestId('nav-sandboxed-containers').waitFor({ timeout: 15_000 });
    await screenshot('nav-with-crd');
  }, 30_000);

  it('lists a KataConfig created through the API and follows the reconciler and MCO live', async () => {
    startReconciler();
    await page.getByTestId('nav-kataconfigs').click();
    await page.getByTestId('empty-state').waitFor();
    // Every text the row shows is recorded in the page, so a short state is not missed.
    await page.evaluate((name) => {
      const seen: string[] = [];
      window.rowTexts = seen;
      new MutationObserver(() => {
        const text = document.querySelector(`[data-test="kataconfig-row-${name}"]`)?.textContent;
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    }, NAME);
    await createKataConfig(stack().cluster, NAME, {});
    const row = page.getByTestId(`kataconfig-row-${NAME}`);
    await row.waitFor({ timeout: 15_000 });
    await withReconcilerOutput(() =>
      row.getByText('Installed', { exact: true }).waitFor({ timeout: 90_000 }),
    );
    const texts = await page.evaluate(() => window.rowTexts ?? []);
    const installing = texts.findIndex((text) => text.includes('Installing'));
    const installed = texts.findIndex((text) => text.includes('Installed'));
    expect(texts).toContainEqual(expect.stringContaining('Installing'));
    expect(installed).toBeGreaterThan(installing);
    expect(await page.getByTestId('create-kataconfig').count()).toBe(1);
    expect(problems.consoleErrors).toEqual([]);
    expect(await windowErrors(page)).toEqual([]);
  }, 120_000);

  it.each(PAGES)(
    'passes an axe scan of $name with no serious violations, in light and dark themes',
    async ({ name, path, ready }) => {
      await page.goto(`${stack().admin.url}${path}`);
      await page.getByTestId(ready).first().waitFor({ timeout: 15_000 });
      await inLightAndDarkThemes(page, async (theme) => {
        if (theme === 'dark') {
          expect(
            await page.evaluate(() =>
              document.documentElement.classList.contains('pf-v6-theme-dark'),
            ),
          ).toBe(true);
        }
        await expectAxeClean(page, theme);
        await screenshot(theme === 'dark' ? `${name}-dark` : name);
      });
      expect(problems.consoleErrors).toEqual([]);
      expect(await windowErrors(page)).toEqual([]);
    },
    45_000,
  );

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
    await page.getByTestId('resource-summary').getByText('default').first().waitFor();
    await page.getByTestId('horizontal-nav').getByText('YAML').click();
    await page.waitForURL(/\/namespaces\/default\/yaml$/);
    await page.getByTestId('yaml-editor').waitFor();
    expect(await page.getByTestId('yaml-editor').inputValue()).toContain('name: default');
    await screenshot('namespace-details');
  }, 20_000);
});
