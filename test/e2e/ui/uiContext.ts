// What the UI tests share: the page showing the workbench, and helpers to wait on it and keep screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

/** Filled in by the harness before the UI suites run. */
export const ui: { page: Page; screenshotDir: string } = {
  page: undefined as unknown as Page,
  screenshotDir: '',
};

/** Saves a full-page screenshot under the run's screenshot folder; returns its path. */
export async function screenshot(name: string): Promise<string> {
  fs.mkdirSync(ui.screenshotDir, { recursive: true });
  const file = path.join(ui.screenshotDir, `${name}.png`);
  await ui.page.screenshot({ path: file });
  return file;
}

/** Runs a command from the palette; reopens the palette until the command is listed (it may register late). */
export async function runCommand(title: string): Promise<void> {
  const page = ui.page;
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 1500 });
      await page.keyboard.press('Enter');
      return;
    } catch {
      // not registered yet: the palette does not refresh, so close and reopen it
    }
  }
  throw new Error(`command "${title}" never appeared in the command palette`);
}

/** The status bar element. */
export function statusBar(): ReturnType<Page['locator']> {
  return ui.page.locator('#workbench\\.parts\\.statusbar');
}
