// What the UI tests share: the page showing the workbench, and helpers to wait on it and keep screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import type { DemoFakes } from '../demoFakes';

/** Filled in by the harness before the UI suites run. */
export const ui: { page: Page; screenshotDir: string; fakes: DemoFakes; dataDir: string; userSettingsFile: string } = {
  page: undefined as unknown as Page,
  screenshotDir: '',
  fakes: undefined as unknown as DemoFakes,
  dataDir: '',
  userSettingsFile: '',
};

/** What the chat tests use of the chat's frame. */
export type ChatFrame = Pick<Frame, 'getByTestId' | 'locator'>;

/** The chat webview's content frame (opens the Triage activity-bar container first). */
export async function openChatView(): Promise<ChatFrame> {
  const tab = ui.page.locator('.part.activitybar').getByRole('tab', { name: 'Triage' });
  await tab.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  // A view hidden and shown again can leave its old webview frame behind, so selectors over iframes are
  // ambiguous: wait for whichever frame shows a visible chat input.
  for (let round = 0; round < 15; round++) {
    const found = await Promise.any(
      ui.page.frames().map(async (f) => {
        await f.getByTestId('chat-input').waitFor({ state: 'visible', timeout: 2000 });
        return f;
      }),
    ).catch(() => undefined);
    if (found) return found;
  }
  throw new Error('the Triage chat view never showed its input');
}

/**
 * The spend panel's content frame, once it shows: the editor webview whose document is the spend panel. Other webviews
 * of this extension can sit beside it (a chat view shown again after another view container keeps a second frame,
 * seen after the edit suite on 1.104 and 1.139), so the frame is told by its content, not by the iframe's URL.
 */
export async function spendPanel(timeoutMs = 30_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  const candidates = ui.page.locator('iframe.webview.ready:not([src*="purpose=webviewView"])');
  for (;;) {
    for (const name of await candidates.evaluateAll((frames) => frames.map((f) => f.getAttribute('name') ?? ''))) {
      const frame = ui.page.locator(`iframe[name="${name}"]`).contentFrame().locator('#active-frame').contentFrame();
      if ((await frame.locator('[data-testid="range-picker"]').count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error('the spend panel never showed');
    await ui.page.waitForTimeout(250); // polling the frames: there is no event for another webview's content
  }
}

/** Sends a chat message and waits for its answer to finish; returns the answer entry's locator. */
export async function sendChat(frame: ChatFrame, text: string): Promise<ReturnType<Frame['locator']>> {
  await frame.getByTestId('chat-input').fill(text);
  await frame.getByTestId('chat-send').click();
  // The answer is the first assistant entry after our own message (counting entries would race the snapshot).
  const question = frame.locator('[data-testid="entry"][data-role="user"]', { hasText: text }).last();
  const answer = question.locator('xpath=following-sibling::article[@data-testid="entry"][@data-role="assistant"][1]');
  await answer.and(frame.locator('[data-state="done"], [data-state="failed"]')).waitFor({ timeout: 30_000 });
  return answer;
}

/** Saves a full-page screenshot under the run's screenshot folder; returns its path. */
export async function screenshot(name: string): Promise<string> {
  fs.mkdirSync(ui.screenshotDir, { recursive: true });
  const file = path.join(ui.screenshotDir, `${name}.png`);
  await ui.page.screenshot({ path: file });
  return file;
}

/** In the page: the command palette's input holds the focus. */
function paletteHasFocus(): boolean {
  return document.activeElement instanceof HTMLInputElement && !!document.activeElement.closest('.quick-input-widget');
}

/** Runs a command from the palette; reopens the palette until the command is listed (it may register late). */
/**
 * Reloads the window and resolves once the new page has loaded and Triage's status bar item is back. The load event
 * is awaited from before the command runs: a reload that finishes quickly would otherwise fire it unseen.
 */
export async function reloadWindow(): Promise<void> {
  const loaded = ui.page.waitForEvent('load', { timeout: 120_000 });
  await runCommand('Developer: Reload Window');
  await loaded;
  await statusBar().locator('.statusbar-item', { hasText: 'today' }).first().waitFor({ timeout: 60_000 });
}

export async function runCommand(title: string): Promise<void> {
  const page = ui.page;
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input').first();
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      // Escape only closes an open palette: pressed in an editor it would drop the selection a command needs, so it
      // is sent only while the palette's input holds the focus (a palette left open by an attempt whose focus was
      // taken back, seen on VS Code 1.139 under load, gets the focus first).
      if (await widget.isVisible()) {
        await input.focus({ timeout: 1000 }).catch(() => undefined);
        if (await page.evaluate(paletteHasFocus)) await page.keyboard.press('Escape');
        await widget.waitFor({ state: 'hidden', timeout: 2000 });
      }
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 2000 });
      // Only type once the palette holds the focus: a closing diff or notification can take it back, and the
      // text would land in the editor.
      await page.waitForFunction(paletteHasFocus, null, { timeout: 2000 });
      await input.fill(`>${title}`);
      if ((await input.inputValue()) !== `>${title}`) continue;
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ state: 'visible', timeout: 1500 });
      // Enter on the palette's input, not on whatever holds the focus: a page-level Enter that lands in an editor
      // after the focus was taken back replaces its selection with a newline (seen: the sample's code erased).
      if (!(await page.evaluate(paletteHasFocus))) continue;
      await input.press('Enter');
      return;
    } catch {
      // not registered yet, or the palette was still closing: the palette does not refresh, so reopen it
    }
  }
  throw new Error(`command "${title}" never appeared in the command palette`);
}

/** The status bar element. */
export function statusBar(): ReturnType<Page['locator']> {
  return ui.page.locator('#workbench\\.parts\\.statusbar');
}

/** A notification holding `text`: as a toast, or — VS Code 1.139 may not pop toasts in a headless page — in the center. */
export async function notification(text: string): Promise<ReturnType<Page['locator']>> {
  const item = ui.page.locator('.notification-list-item', { hasText: text }).first();
  try {
    await item.waitFor({ timeout: 10_000 });
    return item;
  } catch {
    await runCommand('Notifications: Show Notifications');
    await item.waitFor({ timeout: 20_000 });
    return item;
  }
}
