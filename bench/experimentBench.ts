// Experiment bench (issue 16 item 5): a pool experiment run on the bench's traffic — the dev prompts the shipped
// classifier sends to the coding pool, half of them (by the experiment's stable hash) answered by a cheaper model —
// with a simulated user judging each answer by label agreement, then compared exactly as the spend panel and
// "Triage: End Experiment" compare: ledger records into day digests, signals into judged requests, compareArms.

import { RequestClassifier } from '../src/core/classifier/requestClassifier';
import { experimentArms } from '../src/core/experiments/experimentReport';
import { assignArm, describeExperiment, type Experiment } from '../src/core/experiments/experiments';
import { compareArms, type ArmsVerdict } from '../src/core/experiments/compareArms';
import { LEDGER_SCHEMA_VERSION, type LedgerRecord } from '../src/core/ledger/ledgerRecord';
import { addToLedgerDigest, emptyLedgerDigest } from '../src/core/ledger/spendDigest';
import { DEFAULT_POOL_REFS } from '../src/core/pools/poolsConfig';
import { judgedRequests, tallyJudged } from '../src/core/quality/qualityReport';
import type { QualitySignal, QualitySignalKind } from '../src/core/quality/qualitySignal';
import { formatModelRef, parseModelRef, type PoolName } from '../src/core/request';
import { labelAgreementUser, modelCostMicros, type ReplayItem } from './adaptationReplay';

/** What the bench's simulated user takes a model's answers for: the pool whose first model it is. */
function answersLike(model: string): PoolName {
  const pool = (Object.keys(DEFAULT_POOL_REFS) as PoolName[]).find((p) => DEFAULT_POOL_REFS[p][0] === model);
  return pool ?? 'coding';
}

export interface ExperimentBenchRow {
  readonly experiment: string;
  /** Prompts of the traffic the classifier sent to the experiment's pool. */
  readonly poolRequests: number;
  readonly arms: Readonly<Record<'control' | 'alternative', { readonly requests: number; readonly costPerRequestMicros: number; readonly judged: number; readonly accepted: number; readonly retried: number }>>;
  readonly advice: ArmsVerdict['advice'];
  readonly verdict: string;
}

export interface ExperimentBenchOptions {
  readonly startMs: number;
  /** Virtual time between two requests. */
  readonly stepMs: number;
}

const DEFAULTS: ExperimentBenchOptions = { startMs: Date.UTC(2026, 11, 1, 8), stepMs: 7 * 60_000 };

/**
 * Serves `items` as the router would with `experiment` running: each prompt the classifier sends to the experiment's
 * pool lands on an arm by `assignArm` and is answered by that arm's first model. The user keeps or rejects the answer
 * by label agreement (a model answers like the pool it leads: the quick pool's model is judged as quick): an edit or
 * review is accepted or rejected, a chat answer kept is copied (judges nothing) and one not kept is asked of a stronger
 * model (a retry). The records and signals then go through the panel's own path.
 */
export function experimentBench(items: readonly ReplayItem[], experiment: Experiment, options: ExperimentBenchOptions = DEFAULTS): ExperimentBenchRow {
  const classifier = new RequestClassifier();
  const digest = emptyLedgerDigest();
  const signals: QualitySignal[] = [];
  let t = options.startMs;
  let poolRequests = 0;
  items.forEach((item, i) => {
    t += options.stepMs;
    const pool = classifier.classifyEmbedded(item.request).pool;
    if (pool !== experiment.pool) return;
    poolRequests++;
    const fingerprint = `${item.request.kind}\u0000${item.request.instruction}\u0000${item.request.selection ?? ''}`; // as the router hashes it
    const arm = assignArm(experiment, fingerprint);
    const model = arm === 'alternative' ? formatModelRef(experiment.models[0]!) : (DEFAULT_POOL_REFS[pool][0] as string);
    const id = `bench-${String(i).padStart(5, '0')}`;
    const time = new Date(t).toISOString();
    const costMicros = modelCostMicros(item.request, model, t);
    const record: LedgerRecord = {
      v: LEDGER_SCHEMA_VERSION,
      id,
      time,
      kind: item.request.kind,
      classifier: { mode: 'embedded', source: 'embedded' },
      pool,
      confidence: 1,
      reason: 'bench',
      sensitive: false,
      attempts: [],
      servedBy: model,
      servedPool: pool,
      usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 },
      costMicros,
      unpriced: false,
      baselineModel: 'anthropic:claude-opus-5-5',
      baselineMicros: 0,
      latencyMs: 0,
      ttftMs: null,
      outcome: 'ok',
      escalated: false,
      budgetDowngraded: false,
      experiment: { id: experiment.id, arm },
    };
    addToLedgerDigest(digest, record);
    const kept = labelAgreementUser(item, answersLike(model)) === 'accept';
    const chat = item.request.kind === 'chat' || item.request.kind === 'lm';
    const kind: QualitySignalKind = chat ? (kept ? 'answer-copied' : 'stronger-asked') : kept ? 'edit-accepted' : 'edit-rejected';
    signals.push({ v: 1, time: new Date(t + 60_000).toISOString(), id, signal: kind, req: { time, pool, model, experiment: { id: experiment.id, arm } } });
  });
  const arms = experimentArms(experiment.id, [digest], tallyJudged(judgedRequests(signals, false).values()).experiments, false);
  const verdict = compareArms(arms.control, arms.alternative);
  const view = (a: (typeof arms)['control']) => ({ requests: a.cost.n, costPerRequestMicros: a.cost.mean, judged: a.judged, accepted: a.accepted, retried: a.retried });
  return { experiment: describeExperiment(experiment), poolRequests, arms: { control: view(arms.control), alternative: view(arms.alternative) }, advice: verdict.advice, verdict: verdict.text };
}

/** The bench's experiment: the coding pool's requests, half of them answered by the quick pool's cheaper first model. */
export function cheaperCodingExperiment(): Experiment {
  const ref = parseModelRef(DEFAULT_POOL_REFS.quick[0] as string);
  if (!ref) throw new Error('the quick pool has no first model');
  return { id: 'bench-cheaper-coding', pool: 'coding', models: [ref], share: 0.5, start: '2026-12-01', endAfterRequests: 100_000 };
}

/** The row's lines for the bench's report. */
export function experimentBenchLines(row: ExperimentBenchRow): string[] {
  const arm = (name: string, a: ExperimentBenchRow['arms']['control']) =>
    `  ${name.padEnd(13)} ${String(a.requests).padStart(5)} requests  $${(a.costPerRequestMicros / 1e6).toFixed(5)}/request  acceptance ${a.judged ? `${Math.round((100 * a.accepted) / a.judged)}% (${a.accepted} of ${a.judged})` : '—'}  retries ${a.requests ? `${Math.round((100 * a.retried) / a.requests)}% (${a.retried} of ${a.requests})` : '—'}`;
  return [
    `  ${row.experiment}; ${row.poolRequests} coding requests in the traffic`,
    arm('current order', row.arms.control),
    arm('alternative', row.arms.alternative),
    `  advice: ${row.advice} — ${row.verdict}`,
  ];
}
