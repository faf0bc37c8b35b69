// Pool experiments (seed 003's A/B routing, for one user): `triage.experiments` names a pool and an alternative model
// order served to a share of that pool's requests, assigned stably by a hash of the request, between a start and an end.

import { fnv1a } from '../classifier/hashing';
import { formatModelRef, isPoolName, parseModelRef } from '../request';
import type { ModelRef, PoolName } from '../request';
import type { PoolsConfig } from '../pools/poolsConfig';
import { describeValue, isRecord } from '../validated';
import type { Validated } from '../validated';

/** Which side of an experiment a request fell on. */
export type ExperimentArm = 'control' | 'alternative';

export interface Experiment {
  /** Names the experiment in the ledger and the panel; also salts the assignment hash. */
  readonly id: string;
  readonly pool: PoolName;
  /** The order served to the alternative arm, in place of the pool's own models. */
  readonly models: readonly ModelRef[];
  /** Share of the pool's requests sent to the alternative, 0 < share < 1. */
  readonly share: number;
  /** Local calendar day it starts (YYYY-MM-DD, inclusive). */
  readonly start: string;
  /** Ends after this many of the pool's requests counted since start (both arms), or on this day (exclusive); at least one. */
  readonly endAfterRequests?: number;
  readonly endDate?: string;
}

/** One request's experiment, as recorded in the ledger. */
export interface ExperimentTag {
  readonly id: string;
  readonly arm: ExperimentArm;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(text: unknown): text is string {
  if (typeof text !== 'string' || !DAY.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/**
 * Validates `triage.experiments` (an array). A bad entry is named and left out; the rest still run. At most one
 * experiment per pool (a second one for the same pool is left out), models must be `provider:model` of a known provider.
 */
export function validateExperiments(raw: unknown, knownProviders: readonly string[]): Validated<readonly Experiment[]> {
  if (raw === undefined || raw === null) return { value: [], problems: [] };
  if (!Array.isArray(raw)) return { value: [], problems: [`triage.experiments: expected a list of experiments, got ${describeValue(raw)} — no experiment runs`] };
  const problems: string[] = [];
  const out: Experiment[] = [];
  raw.forEach((entry: unknown, index) => {
    const at = `triage.experiments[${index}]`;
    const bad = (why: string): void => void problems.push(`${at}: ${why} — this experiment does not run`);
    if (!isRecord(entry)) return bad(`expected {"id", "pool", "models", "share", "start", "endAfterRequests" or "endDate"}, got ${describeValue(entry)}`);
    const { id, pool, models, share, start, endAfterRequests, endDate } = entry;
    if (typeof id !== 'string' || !ID.test(id)) return bad(`"id" ${describeValue(id)} is not 1–40 letters, digits, '.', '_' or '-'`);
    if (out.some((e) => e.id === id)) return bad(`the id '${id}' is used twice`);
    if (!isPoolName(pool)) return bad(`"pool" ${describeValue(pool)} is not local, quick, coding or reasoning`);
    if (out.some((e) => e.pool === pool)) return bad(`the ${pool} pool already has an experiment`);
    if (!Array.isArray(models) || models.length === 0) return bad(`"models" must be a non-empty list of "provider:model"`);
    const refs: ModelRef[] = [];
    for (const m of models) {
      const ref = typeof m === 'string' ? parseModelRef(m) : undefined;
      if (!ref) return bad(`"models": ${describeValue(m)} is not "provider:model"`);
      if (!knownProviders.includes(ref.provider)) return bad(`"models": '${m as string}' names the unknown provider '${ref.provider}'`);
      refs.push(ref);
    }
    if (typeof share !== 'number' || !Number.isFinite(share) || share <= 0 || share >= 1) return bad(`"share" ${describeValue(share)} is not a number between 0 and 1 (e.g. 0.2 for a fifth of the pool's requests)`);
    if (!validDay(start)) return bad(`"start" ${describeValue(start)} is not a date YYYY-MM-DD`);
    if (endAfterRequests === undefined && endDate === undefined) return bad('give an end: "endAfterRequests" (a count) or "endDate" (YYYY-MM-DD)');
    if (endAfterRequests !== undefined && !(typeof endAfterRequests === 'number' && Number.isInteger(endAfterRequests) && endAfterRequests >= 1)) {
      return bad(`"endAfterRequests" ${describeValue(endAfterRequests)} is not a whole number of at least 1`);
    }
    if (endDate !== undefined && !validDay(endDate)) return bad(`"endDate" ${describeValue(endDate)} is not a date YYYY-MM-DD`);
    if (endDate !== undefined && (endDate as string) <= start) return bad(`"endDate" ${endDate as string} is not after "start" ${start}`);
    out.push({
      id,
      pool,
      models: refs,
      share,
      start,
      ...(endAfterRequests === undefined ? {} : { endAfterRequests: endAfterRequests as number }),
      ...(endDate === undefined ? {} : { endDate: endDate as string }),
    });
  });
  return { value: out, problems };
}

/** Why an experiment is not running today, or undefined when it is. `counted`: its requests so far (both arms). */
export function notRunning(experiment: Experiment, today: string, counted: number): string | undefined {
  if (today < experiment.start) return `starts on ${experiment.start}`;
  if (experiment.endDate !== undefined && today >= experiment.endDate) return `ended on ${experiment.endDate}`;
  if (experiment.endAfterRequests !== undefined && counted >= experiment.endAfterRequests) return `ended after ${experiment.endAfterRequests} requests`;
  return undefined;
}

/**
 * The arm of a request, stable for the same request text (`fingerprint`: kind, instruction and selection, so asking
 * the same again lands on the same arm and a retry is compared within its arm). Salted by the experiment id, so two
 * experiments split traffic independently.
 */
export function assignArm(experiment: Experiment, fingerprint: string): ExperimentArm {
  const bucket = fnv1a(`${experiment.id}\u0000${fingerprint}`) / 0x1_0000_0000;
  return bucket < experiment.share ? 'alternative' : 'control';
}

/** The pools as the request's arm sees them: the alternative arm's pool holds the experiment's order instead. */
export function poolsForArm(pools: PoolsConfig, experiment: Experiment, arm: ExperimentArm): PoolsConfig {
  if (arm === 'control') return pools;
  return { ...pools, pools: { ...pools.pools, [experiment.pool]: experiment.models } };
}

/** A short description for messages: "coding: anthropic:claude-haiku-5-5 > openai:gpt-6-luna for 20%". */
export function describeExperiment(experiment: Experiment): string {
  return `${experiment.pool}: ${experiment.models.map(formatModelRef).join(' > ')} for ${Math.round(experiment.share * 100)}%`;
}

/** Each experiment's requests in `records` (both arms), for seeding the router's counts from the ledger. */
export function countExperimentRequests(records: readonly { readonly experiment?: { readonly id: string } }[], experiments: readonly Experiment[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(experiments.map((e) => [e.id, 0]));
  for (const r of records) if (r.experiment && r.experiment.id in counts) counts[r.experiment.id] = (counts[r.experiment.id] ?? 0) + 1;
  return counts;
}

/** The earliest start of `experiments` as local midnight ms, or undefined when there are none. */
export function earliestStartMs(experiments: readonly Experiment[]): number | undefined {
  if (experiments.length === 0) return undefined;
  const [y, m, d] = experiments.map((e) => e.start).sort()[0]!.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}
