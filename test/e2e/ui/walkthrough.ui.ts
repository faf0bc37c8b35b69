// UI: the first demo start opens the Get Started walkthrough, so a newcomer from `npm start` is pointed to it.
import * as assert from 'node:assert/strict';
import { runCommand, screenshot, ui } from './uiContext';

describe('walkthrough (UI)', () => {
  it('opens "Get started with Triage" on the first demo start', async () => {
    const page = ui.page;
    const walkthrough = page.locator('.gettingStartedContainer', { hasText: 'Get started with Triage' });
    await walkthrough.first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(await page.locator('.tab', { hasText: 'Walkthrough' }).or(page.locator('.tab', { hasText: 'Welcome' })).first().isVisible());
    await screenshot('walkthrough-first-demo-start');
    // Later suites start from an empty editor area.
    await runCommand('View: Close All Editors');
    await walkthrough.first().waitFor({ state: 'hidden', timeout: 10_000 });
  });
});
