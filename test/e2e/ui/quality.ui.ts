// UI: the spend panel's Quality and Experiments sections show what the ledger and the quality signals hold. The suite
// writes its own requests and signals beside the ledger (models no other suite uses, so its rows are exact whatever ran
// before) and an ended experiment in the settings, so it runs alone (TRIAGE_E2E_SUITE=quality) or after any other.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LedgerRecord } from '../../../src/core/ledger/ledgerRecord';
import { dayKey } from '../../../src/core/ledger/calendar';
import { ledgerFileName } from '../../../src/core/ledger/calendar';
import { toLedgerLine } from '../../../src/core/ledger/ledgerLines';
import { qualityFileName, toQualityLine } from '../../../src/core/quality/qualitySignal';
import type { QualitySignal, QualitySignalKind } from '../../../src/core/quality/qualitySignal';
import { record } from '../../unit/core/ledger/ledgerFixtures';
import { reloadWindow, runCommand, screenshot, spendPanel, ui } from './uiContext';

const DAY = 86_400_000;
const MINUTE = 60_000;
const NOW = Date.now();
const QUICK_MODEL = 'openai:ui-quality-mini';
const CODING_MODEL = 'anthropic:ui-quality-large';
const EXPERIMENT = 'ui-cheap-coding';

/** A demo request (the suites run in demo mode) served by `model` for `pool`. */
function served(id: string, atMs: number, model: string, pool: 'quick' | 'coding', costMicros: number, latencyMs: number, extra: Partial<LedgerRecord> = {}): LedgerRecord {
  return record({
    id,
    time: new Date(atMs).toISOString(),
    pool,
    attempts: [{ model, pool, outcome: 'ok', ms: latencyMs, usage: { inputTokens: 1000, cachedInputTokens: 0, outputTokens: 500 }, costMicros, unpriced: false }],
    servedBy: model,
    servedPool: pool,
    costMicros,
    latencyMs,
    demo: true,
    ...extra,
  });
}

/** A demo signal about `r`, carrying the request as the recorder writes it (or none: an unknown request). */
function signal(r: LedgerRecord | string, kind: QualitySignalKind, afterMs = MINUTE): QualitySignal {
  if (typeof r === 'string') return { v: 1, time: new Date(NOW - afterMs).toISOString(), id: r, signal: kind, demo: true };
  const req = { time: r.time, pool: r.servedPool === 'coding' ? ('coding' as const) : ('quick' as const), model: r.servedBy ?? '', ...(r.experiment ? { experiment: r.experiment } : {}) };
  return { v: 1, time: new Date(Date.parse(r.time) + afterMs).toISOString(), id: r.id ?? '', signal: kind, demo: true, req };
}

function seed(): { records: LedgerRecord[]; signals: QualitySignal[] } {
  const run = Math.random().toString(36).slice(2, 8); // ids of this run only
  const quick = Array.from({ length: 8 }, (_, i) => served(`uiq-${run}-q${i}`, NOW - (60 - i) * MINUTE, QUICK_MODEL, 'quick', 500, 700));
  const coding = Array.from({ length: 4 }, (_, i) => served(`uiq-${run}-c${i}`, NOW - (50 - i) * MINUTE, CODING_MODEL, 'coding', 12_000, 2_000));
  // Ten days old: outside the last 7 days (though judged today), inside the last 30.
  const old = served(`uiq-${run}-old`, NOW - 10 * DAY, QUICK_MODEL, 'quick', 500, 700);
  const [q0, q1, q2, q3, q4, q5, q6] = quick as [LedgerRecord, LedgerRecord, LedgerRecord, LedgerRecord, LedgerRecord, LedgerRecord, LedgerRecord];
  const signals = [
    signal(q0, 'edit-accepted'),
    signal(q1, 'edit-accepted'),
    signal(q2, 'edit-accepted'),
    signal(q2, 'edit-undone', 2 * MINUTE), // undone soon after: rejected
    signal(q3, 'edit-rejected'),
    signal(q3, 'edit-rerun', 2 * MINUTE),
    signal(q4, 'fix-applied'),
    signal(q5, 'stronger-asked'), // a retry, not a verdict
    signal(q6, 'answer-copied'), // judges nothing
    { ...signal(old, 'edit-rejected'), time: new Date(NOW - MINUTE).toISOString() },
    signal(`uiq-${run}-unknown`, 'edit-accepted'),
  ];
  // The experiment: 24 requests on each arm over the last days, the alternative far cheaper, 16 of 20 judged kept on each.
  const arms = (['control', 'alternative'] as const).flatMap((arm) =>
    Array.from({ length: 24 }, (_, i) =>
      served(
        `uiq-${run}-${arm[0]}x${i}`,
        NOW - (3 * DAY * (24 - i)) / 24,
        arm === 'control' ? 'anthropic:ui-exp-current' : 'openai:ui-exp-mini',
        'coding',
        arm === 'control' ? 9000 + (i % 4) * 400 : 2000 + (i % 4) * 200,
        (arm === 'control' ? 1200 : 900) + (i % 3) * 100,
        { experiment: { id: EXPERIMENT, arm } },
      ),
    ),
  );
  arms.forEach((r, i) => {
    if (i % 24 < 20) signals.push(signal(r, i % 24 < 16 ? 'edit-accepted' : 'edit-rejected'));
  });
  return { records: [old, ...arms, ...quick, ...coding], signals };
}

/** Appends lines to the month files they belong in, each file in one write (the ledger's own rule). */
function appendByFile<T>(dir: string, items: readonly T[], file: (item: T) => string, line: (item: T) => string): void {
  const byFile = new Map<string, string[]>();
  for (const item of items) byFile.set(file(item), [...(byFile.get(file(item)) ?? []), line(item)]);
  for (const [name, lines] of byFile) fs.appendFileSync(path.join(dir, name), lines.join(''));
}

async function rowCells(row: ReturnType<Awaited<ReturnType<typeof spendPanel>>['locator']>): Promise<string[]> {
  return (await row.locator('td').allInnerTexts()).map((t) => t.trim());
}

describe('spend panel quality and experiments (UI)', () => {
  let original = '';
  before(async () => {
    original = fs.readFileSync(ui.userSettingsFile, 'utf8');
    const ledgerDir = path.join(ui.dataDir, 'user-data', 'User', 'globalStorage', 'triage-dev.triage', 'ledger');
    fs.mkdirSync(ledgerDir, { recursive: true });
    const { records, signals } = seed();
    appendByFile(ledgerDir, records, (r) => ledgerFileName(Date.parse(r.time)), toLedgerLine);
    appendByFile(ledgerDir, signals, (s) => qualityFileName(Date.parse(s.time)), toQualityLine);
    // Ended today, so it routes nothing: the panel still compares its arms.
    const settings = JSON.parse(original);
    settings['triage.experiments'] = [{ id: EXPERIMENT, pool: 'coding', models: ['openai:ui-exp-mini'], share: 0.5, start: dayKey(NOW - 3 * DAY), endDate: dayKey(NOW) }];
    fs.writeFileSync(ui.userSettingsFile, JSON.stringify(settings, null, 2));
    await reloadWindow(); // code-server does not watch settings.json for outside writes
  });
  after(async () => {
    fs.writeFileSync(ui.userSettingsFile, original);
    await reloadWindow();
  });

  it('shows acceptance and retries per model beside cost per request, over the chosen range', async () => {
    await runCommand('Triage: Show Spend');
    const panel = await spendPanel(60_000);
    await panel.getByTestId('range-picker').selectOption('7d');
    const quick = panel.getByTestId('quality-by-model').locator(`tr[data-key="${QUICK_MODEL}"]`);
    await quick.waitFor({ timeout: 30_000 });
    // 8 requests at $0.0005; judged: 3 kept (2 edits, 1 fix) of 5 (an undone edit and a rejected one); retried: 2 of 8.
    assert.deepEqual(await rowCells(quick), [QUICK_MODEL, '8', '$0.0005', '60% (3 of 5)', '25% (2 of 8)']);
    // Nothing judged: "—", not 0%.
    assert.deepEqual(await rowCells(panel.getByTestId('quality-by-model').locator(`tr[data-key="${CODING_MODEL}"]`)), [CODING_MODEL, '4', '$0.012', '—', '0% (0 of 4)']);
    assert.match(await panel.getByTestId('quality').locator('h2').innerText(), /quality \(demo requests\)/i);
    assert.match(await panel.getByTestId('quality-unknown').innerText(), /^\d+ judged requests? (is|are) not counted: (its|their) signals do not say which request/);
    await panel.getByTestId('quality').scrollIntoViewIfNeeded();
    await screenshot('spend-quality');
    // The last 30 days take in the ten-day-old request and its rejection.
    await panel.getByTestId('range-picker').selectOption('30d');
    await panel.getByTestId('quality-by-model').locator(`tr[data-key="${QUICK_MODEL}"]`, { hasText: '9' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(await rowCells(panel.getByTestId('quality-by-model').locator(`tr[data-key="${QUICK_MODEL}"]`)), [QUICK_MODEL, '9', '$0.0005', '50% (3 of 6)', '22% (2 of 9)']);
    await panel.getByTestId('range-picker').selectOption('7d');
  });

  it("compares an ended experiment's arms and gives the End Experiment verdict", async () => {
    await runCommand('Triage: Show Spend');
    const panel = await spendPanel(60_000);
    const item = panel.locator(`[data-testid="experiment"][data-id="${EXPERIMENT}"]`);
    await item.waitFor({ timeout: 30_000 });
    assert.equal(await item.locator('h3').innerText(), `${EXPERIMENT} — coding: openai:ui-exp-mini for 50%, ended on ${dayKey(NOW)}`);
    assert.deepEqual(await rowCells(item.locator('tr[data-arm="control"]')), ['Current order', '24', '$0.0096', '80% (16 of 20)', '0% (0 of 24)', '1.3 s']);
    assert.deepEqual(await rowCells(item.locator('tr[data-arm="alternative"]')), ['Alternative', '24', '$0.0023', '80% (16 of 20)', '0% (0 of 24)', '1.0 s']);
    assert.equal(
      await item.getByTestId('experiment-verdict').innerText(),
      'The alternative costs $0.0023 a request against $0.0096 (cheaper, a real difference); acceptance 80% against 80%, within noise; retries 0% against 0%, within noise (24 requests on the alternative, 24 on the current order). Cheaper with no sign of worse answers: adopting it looks safe.',
    );
    assert.equal(await item.getAttribute('data-advice'), 'adopt');
    await item.scrollIntoViewIfNeeded();
    await screenshot('spend-experiments');
  });
});
