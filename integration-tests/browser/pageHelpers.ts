/** What the browser specs do with a page: screenshots, axe scans and theme switching. */
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './fixture';

/** A full-page screenshot saved as integration-tests/results/screenshots/<name>.png. */
export const saveScreenshot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** No serious or critical axe violation on the page as it is now; `label` names the state. */
export const expectAxeClean = async (page: Page, label?: string): Promise<void> => {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${label ? `${label} ` : ''}${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  expect(serious).toEqual([]);
};

/** Runs `check` in the light theme, then again after switching the host to the dark theme. */
export const inLightAndDarkThemes = async (
  page: Page,
  check: (theme: 'light' | 'dark') => Promise<void>,
): Promise<void> => {
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByText('Dark theme').click();
    await check(theme);
  }
};
