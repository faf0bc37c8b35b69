// Compares an experiment's two arms on cost, acceptance, retries and latency, with 95% intervals, and says in plain
// words whether the difference is real or within noise.

import type { ExperimentArm } from './experiments';
import { addMoment, momentsOf, NO_MOMENTS } from './moments';
import type { Moments } from './moments';

/** What one arm's requests showed. */
export interface ArmSample {
  /** Cost of every request of the arm, micro-dollars. */
  readonly cost: Moments;
  /** Latency of each answered request, ms. */
  readonly latency: Moments;
  /** Answers the user judged (edit accepted or rejected, fix applied or dismissed) and how many of them were accepted. */
  readonly judged: number;
  readonly accepted: number;
  /** Requests the user asked again (a stronger model, or the same request re-run). */
  readonly retried: number;
}

export interface MetricComparison {
  readonly metric: 'cost per request' | 'acceptance' | 'retry rate' | 'latency';
  readonly control: number;
  readonly alternative: number;
  /** alternative − control, with its 95% interval; undefined when an arm has too few samples for an interval. */
  readonly difference: number;
  readonly low?: number;
  readonly high?: number;
  /** The interval excludes zero. */
  readonly real: boolean;
}

export interface ArmsVerdict {
  readonly n: Readonly<Record<ExperimentArm, number>>;
  readonly metrics: readonly MetricComparison[];
  /** adopt: cheaper (or faster) with no sign of worse answers; keep: worse answers or dearer; wait: within noise or too few. */
  readonly advice: 'adopt' | 'keep' | 'wait';
  readonly text: string;
}

/** Fewest requests per arm before any verdict. */
export const MIN_PER_ARM = 20;

const Z = 1.959964;

/** Student t quantile for 97.5% (Cornish–Fisher expansion around the normal; within 0.5% for df ≥ 3). */
function t975(df: number): number {
  if (!Number.isFinite(df) || df > 1e6) return Z;
  const z = Z;
  const z3 = z ** 3;
  const z5 = z ** 5;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z ** 7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** Sample variance (0 below two values; never negative from rounding). */
function variance(m: Moments): number {
  return m.n < 2 ? 0 : Math.max(0, m.m2) / (m.n - 1);
}

/** Welch's interval for the difference of two means. */
export function meanDifference(control: readonly number[], alternative: readonly number[]): { difference: number; low?: number; high?: number } {
  return momentsDifference(momentsOf(control), momentsOf(alternative));
}

/** Welch's interval for the difference of the means behind two sets of moments. */
export function momentsDifference(control: Moments, alternative: Moments): { difference: number; low?: number; high?: number } {
  const difference = alternative.mean - control.mean;
  if (control.n < 2 || alternative.n < 2) return { difference };
  const a = variance(control) / control.n;
  const b = variance(alternative) / alternative.n;
  const se = Math.sqrt(a + b);
  if (se === 0) return { difference, low: difference, high: difference };
  const df = (a + b) ** 2 / ((a * a) / (control.n - 1) + (b * b) / (alternative.n - 1));
  const half = t975(df) * se;
  return { difference, low: difference - half, high: difference + half };
}

/** Agresti–Caffo interval for the difference of two proportions (one success and one failure added to each arm). */
export function proportionDifference(x1: number, n1: number, x2: number, n2: number): { difference: number; low?: number; high?: number } {
  const difference = (n2 === 0 ? 0 : x2 / n2) - (n1 === 0 ? 0 : x1 / n1);
  if (n1 === 0 || n2 === 0) return { difference };
  const p1 = (x1 + 1) / (n1 + 2);
  const p2 = (x2 + 1) / (n2 + 2);
  const centre = p2 - p1;
  const half = Z * Math.sqrt((p1 * (1 - p1)) / (n1 + 2) + (p2 * (1 - p2)) / (n2 + 2));
  return { difference, low: centre - half, high: centre + half };
}

function comparison(metric: MetricComparison['metric'], control: number, alternative: number, d: { difference: number; low?: number; high?: number }): MetricComparison {
  const real = d.low !== undefined && d.high !== undefined && (d.low > 0 || d.high < 0);
  return { metric, control, alternative, ...d, real };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const usd = (micros: number): string => `$${(micros / 1e6).toFixed(4)}`;

/** The comparison of `control` and `alternative`, and what to do. */
export function compareArms(control: ArmSample, alternative: ArmSample): ArmsVerdict {
  const n = { control: control.cost.n, alternative: alternative.cost.n };
  const cost = comparison('cost per request', control.cost.mean, alternative.cost.mean, momentsDifference(control.cost, alternative.cost));
  const rate = (x: number, of: number): number => (of === 0 ? 0 : x / of);
  const acceptance = comparison('acceptance', rate(control.accepted, control.judged), rate(alternative.accepted, alternative.judged), proportionDifference(control.accepted, control.judged, alternative.accepted, alternative.judged));
  const retries = comparison('retry rate', rate(control.retried, n.control), rate(alternative.retried, n.alternative), proportionDifference(control.retried, n.control, alternative.retried, n.alternative));
  const latency = comparison('latency', control.latency.mean, alternative.latency.mean, momentsDifference(control.latency, alternative.latency));
  const metrics = [cost, acceptance, retries, latency];
  const sizes = `${n.alternative} requests on the alternative, ${n.control} on the current order`;
  if (n.control < MIN_PER_ARM || n.alternative < MIN_PER_ARM) {
    return { n, metrics, advice: 'wait', text: `Too few requests to tell yet (${sizes}; at least ${MIN_PER_ARM} each are needed).` };
  }
  const worseAnswers = (acceptance.real && acceptance.difference < 0) || (retries.real && retries.difference > 0);
  const cheaper = cost.real && cost.difference < 0;
  const dearer = cost.real && cost.difference > 0;
  const costText = cost.real
    ? `costs ${usd(cost.alternative)} a request against ${usd(cost.control)} (${cost.difference < 0 ? 'cheaper' : 'dearer'}, a real difference)`
    : `costs ${usd(cost.alternative)} a request against ${usd(cost.control)}, within noise`;
  const judged = alternative.judged > 0 && control.judged > 0;
  const acceptText = judged
    ? `acceptance ${pct(acceptance.alternative)} against ${pct(acceptance.control)}${acceptance.real ? ' (a real difference)' : ', within noise'}`
    : 'no edits or fixes judged yet, so acceptance is unknown';
  const retryText = `retries ${pct(retries.alternative)} against ${pct(retries.control)}${retries.real ? ' (a real difference)' : ', within noise'}`;
  const facts = `The alternative ${costText}; ${acceptText}; ${retryText} (${sizes}).`;
  if (worseAnswers) return { n, metrics, advice: 'keep', text: `${facts} Its answers look worse: keep the current order.` };
  if (dearer) return { n, metrics, advice: 'keep', text: `${facts} It costs more without better answers: keep the current order.` };
  if (cheaper && judged) return { n, metrics, advice: 'adopt', text: `${facts} Cheaper with no sign of worse answers: adopting it looks safe.` };
  if (cheaper) return { n, metrics, advice: 'wait', text: `${facts} Cheaper, but answer quality is not known yet: run it longer before adopting.` };
  return { n, metrics, advice: 'wait', text: `${facts} No real difference yet: run it longer.` };
}

/** The request fields an arm's sample reads from a ledger record. */
export interface ArmRecord {
  readonly id?: string;
  readonly experiment?: { readonly id: string; readonly arm: ExperimentArm };
  readonly costMicros: number;
  readonly latencyMs: number;
  readonly outcome: string;
  readonly demo?: true;
}

/**
 * Each arm's sample of `experimentId` from ledger records and the requests' quality (verdicts and retries by request
 * id, from the quality signals). Demo records are kept apart: `demo` picks which kind is compared.
 */
export function armSamples(
  records: readonly ArmRecord[],
  quality: ReadonlyMap<string, { readonly verdict?: 'accepted' | 'rejected'; readonly retried: boolean }>,
  experimentId: string,
  demo = false,
): Record<ExperimentArm, ArmSample> {
  const empty = (): { cost: Moments; latency: Moments; judged: number; accepted: number; retried: number } => ({ cost: NO_MOMENTS, latency: NO_MOMENTS, judged: 0, accepted: 0, retried: 0 });
  const arms = { control: empty(), alternative: empty() };
  for (const r of records) {
    if (r.experiment?.id !== experimentId || (r.demo === true) !== demo) continue;
    const arm = arms[r.experiment.arm];
    arm.cost = addMoment(arm.cost, r.costMicros);
    if (r.outcome === 'ok') arm.latency = addMoment(arm.latency, r.latencyMs);
    const q = r.id === undefined ? undefined : quality.get(r.id);
    if (q?.verdict) {
      arm.judged++;
      if (q.verdict === 'accepted') arm.accepted++;
    }
    if (q?.retried) arm.retried++;
  }
  return arms;
}
