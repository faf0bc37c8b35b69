// Each pool experiment's arms as the spend panel and "Triage: End Experiment" compare them: cost and latency from the
// ledger's day digests since the experiment's start, verdicts and retries from the quality signals of its requests.

import type { DayDigests, LedgerDigest } from '../ledger/spendDigest';
import type { ExperimentTallies } from '../quality/qualityReport';
import { compareArms, type ArmSample, type ArmsVerdict } from './compareArms';
import { describeExperiment, notRunning, type Experiment, type ExperimentArm } from './experiments';
import { mergeMoments, NO_MOMENTS } from './moments';

/** One experiment's comparison. */
export interface ExperimentReport {
  readonly id: string;
  /** `pool: models for share%`; absent for an experiment no longer in the settings. */
  readonly description?: string;
  /** `running`, or why not: `starts on …`, `ended on …`, `ended after N requests`, `no longer in your settings`. */
  readonly status: string;
  readonly running: boolean;
  readonly arms: Readonly<Record<ExperimentArm, ArmSample>>;
  readonly verdict: ArmsVerdict;
}

type MutableArm = { -readonly [K in keyof ArmSample]: ArmSample[K] };

function emptyArm(): MutableArm {
  return { cost: NO_MOMENTS, latency: NO_MOMENTS, judged: 0, accepted: 0, retried: 0 };
}

/**
 * The arms of experiment `id` over `digests` (days from `fromDay` on, YYYY-MM-DD) and the verdicts and retries of its
 * requests (`QualityTallies.experiments`, from signals of the same kind); `demo` picks which requests are compared.
 */
export function experimentArms(id: string, digests: readonly LedgerDigest[], tallies: ExperimentTallies, demo: boolean, fromDay = ''): Record<ExperimentArm, MutableArm> {
  const arms = { control: emptyArm(), alternative: emptyArm() };
  for (const digest of digests) {
    for (const [day, both] of Object.entries(digest.days)) {
      if (day < fromDay) continue;
      const d = (both as DayDigests)[demo ? 'demo' : 'real']?.experiments[id];
      for (const arm of ['control', 'alternative'] as const) {
        const a = d?.[arm];
        if (!a) continue;
        arms[arm].cost = mergeMoments(arms[arm].cost, a.cost);
        arms[arm].latency = mergeMoments(arms[arm].latency, a.latency);
      }
    }
  }
  // The router tags no request before the start, so every tagged verdict is the experiment's.
  const counted = tallies.get(id);
  for (const arm of ['control', 'alternative'] as const) {
    const t = counted?.[arm];
    if (!t) continue;
    arms[arm].judged += t.judged;
    arms[arm].accepted += t.accepted;
    arms[arm].retried += t.retried;
  }
  return arms;
}

/** Every experiment id with requests in `digests` (either kind) on or after `fromDay`. */
function experimentIdsIn(digests: readonly LedgerDigest[], fromDay: string): Set<string> {
  const ids = new Set<string>();
  for (const digest of digests) {
    for (const [day, both] of Object.entries(digest.days)) {
      if (day < fromDay) continue;
      for (const d of [both.real, both.demo]) for (const id of Object.keys(d?.experiments ?? {})) ids.add(id);
    }
  }
  return ids;
}

/** Requests of experiment `id` in `digests`, real and demo (what the router counts toward its end). */
function countedRequests(id: string, digests: readonly LedgerDigest[]): number {
  let n = 0;
  for (const digest of digests) {
    for (const both of Object.values(digest.days)) {
      for (const d of [both.real, both.demo]) n += (d?.experiments[id]?.control?.cost.n ?? 0) + (d?.experiments[id]?.alternative?.cost.n ?? 0);
    }
  }
  return n;
}

export interface ExperimentReportInput {
  /** `triage.experiments` as validated. */
  readonly experiments: readonly Experiment[];
  readonly digests: readonly LedgerDigest[];
  readonly tallies: ExperimentTallies;
  readonly demo: boolean;
  /** Today, local YYYY-MM-DD. */
  readonly today: string;
  /** Experiments no longer in the settings are listed when they had requests on or after this day ('' for any). */
  readonly removedSinceDay: string;
}

/** The settings' experiments (running or not), then ones that had requests in the period but are no longer set. */
export function experimentReports(input: ExperimentReportInput): ExperimentReport[] {
  const out: ExperimentReport[] = [];
  for (const e of input.experiments) {
    const arms = experimentArms(e.id, input.digests, input.tallies, input.demo, e.start);
    const why = notRunning(e, input.today, countedRequests(e.id, input.digests));
    out.push({ id: e.id, description: describeExperiment(e), status: why ?? 'running', running: why === undefined, arms, verdict: compareArms(arms.control, arms.alternative) });
  }
  const set = new Set(input.experiments.map((e) => e.id));
  for (const id of [...experimentIdsIn(input.digests, input.removedSinceDay)].sort()) {
    if (set.has(id)) continue;
    const arms = experimentArms(id, input.digests, input.tallies, input.demo);
    if (arms.control.cost.n + arms.alternative.cost.n === 0) continue;
    out.push({ id, status: 'no longer in your settings', running: false, arms, verdict: compareArms(arms.control, arms.alternative) });
  }
  return out;
}
