// Adaptation replay: a simulated user judges the answers routing gives (accept or reject), the user adaptation learns
// from the rejections the way the extension does, and routing is compared before and after on prompts the user never
// judged. Plain Node, no fakes: a prompt's cost on a pool is the pool's first model at the shipped prices for the
// replay's billed tokens (bench/replaySchedule.ts), so the rows compare routing decisions, not provider behaviour.

import { adaptationBucket, DEFAULT_ADAPTATION, UserAdaptation, type AdaptationOptions, type AdaptationState } from '../src/core/classifier/adaptation';
import { RequestClassifier } from '../src/core/classifier/requestClassifier';
import { DEFAULT_POOL_REFS } from '../src/core/pools/poolsConfig';
import { DEFAULT_PRICES } from '../src/core/pricing/defaultPrices';
import { priceCall } from '../src/core/pricing/pricing';
import { buildPrompt } from '../src/core/prompts/buildPrompt';
import { parseModelRef, POOLS, poolRank, textOfParts, type PoolName, type TriageRequest } from '../src/core/request';
import { billedInputTokens, billedOutputTokens } from './replaySchedule';
import { hashText, shuffled } from './stats';

/** One labelled prompt. */
export interface ReplayItem {
  readonly id: string;
  readonly request: TriageRequest;
  readonly label: PoolName;
}

/** A simulated user: keeps or rejects the answer the `served` pool gave. */
export type SimulatedUser = (item: ReplayItem, served: PoolName) => 'accept' | 'reject';

/** Accepts an answer from the prompt's label pool or above; rejects one from below it (under-routed: not good enough). */
export const labelAgreementUser: SimulatedUser = (item, served) => (poolRank(served) >= poolRank(item.label) ? 'accept' : 'reject');

/** Rejects every quick answer to requests of `bucket` (e.g. `chat:none`), accepts everything else. */
export function quickRejecter(bucket: string): SimulatedUser {
  return (item, served) => (served === 'quick' && adaptationBucket(item.request) === bucket ? 'reject' : 'accept');
}

export interface ReplayOptions {
  /** Passes over the judged prompts, each in a fresh shuffled order. */
  readonly rounds: number;
  /** Virtual time between two requests (the adaptation decays with age). */
  readonly stepMs: number;
  readonly startMs: number;
  readonly seed: number;
  readonly adaptation?: AdaptationOptions;
}

export const DEFAULT_REPLAY: ReplayOptions = { rounds: 2, stepMs: 20 * 60_000, startMs: Date.UTC(2026, 11, 1), seed: 7 };

/** Pools before and after learning, for the prompts given to `evaluate`, and what was learned. */
export interface ReplayOutcome {
  readonly before: readonly PoolName[];
  readonly after: readonly PoolName[];
  /** Rejections the user gave while learning. */
  readonly rejections: number;
  /** Largest absolute logit offset the adaptation reached for any evaluated prompt. */
  readonly maxOffset: number;
}

/**
 * The user judges every prompt of `learn` (`rounds` times, shuffled); a kept answer is an acceptance, a rejected chat is
 * "ask a stronger model" (the next pool up, as the chat's retry does), a rejected edit or review a rejection. Then
 * `evaluate` is routed without and with what was learned, at the time learning ended.
 */
export function replayAdaptation(learn: readonly ReplayItem[], evaluate: readonly ReplayItem[], user: SimulatedUser, options: ReplayOptions = DEFAULT_REPLAY): ReplayOutcome {
  const clock = { t: options.startMs, now: () => clock.t };
  let saved: AdaptationState | undefined;
  const adaptation = new UserAdaptation({ load: () => saved, save: (s) => (saved = s) }, clock, options.adaptation ?? DEFAULT_ADAPTATION);
  const plain = new RequestClassifier();
  const adapted = new RequestClassifier({ adaptation });
  let rejections = 0;
  for (let round = 0; round < options.rounds; round++) {
    for (const item of shuffled(learn, options.seed + round)) {
      clock.t += options.stepMs;
      const served = adapted.classifyEmbedded(item.request).pool;
      if (user(item, served) === 'accept') {
        adaptation.recordAcceptance(item.request, served);
        continue;
      }
      rejections++;
      const up = POOLS[Math.min(POOLS.length - 1, poolRank(served) + 1)] as PoolName;
      if (item.request.kind === 'chat' || item.request.kind === 'lm') adaptation.record(item.request, served, up);
      else adaptation.recordRejection(item.request, served);
    }
  }
  let maxOffset = 0;
  for (const item of evaluate) for (const x of adaptation.offsets(item.request)) maxOffset = Math.max(maxOffset, Math.abs(x));
  return {
    before: evaluate.map((i) => plain.classifyEmbedded(i.request).pool),
    after: evaluate.map((i) => adapted.classifyEmbedded(i.request).pool),
    rejections,
    maxOffset,
  };
}

/** Cost of a prompt answered by a pool's first default model (local: 0), in µ$, at the replay's billed tokens. */
export function poolCostMicros(request: TriageRequest, pool: PoolName | 'premium', atMs: number): number {
  return modelCostMicros(request, pool === 'premium' ? 'anthropic:claude-opus-5-5' : (DEFAULT_POOL_REFS[pool][0] as string), atMs);
}

/** Cost of a prompt answered by model `refText` (`provider:model`; Ollama: 0), in µ$, at the replay's billed tokens. */
export function modelCostMicros(request: TriageRequest, refText: string, atMs: number): number {
  const ref = parseModelRef(refText);
  if (!ref) return 0;
  const prompt = buildPrompt(request);
  const text = [prompt.system, ...prompt.messages.map((m) => (typeof m.content === 'string' ? m.content : textOfParts(m.content)))].join('\n');
  const lastUser = prompt.messages.at(-1);
  const usage = {
    inputTokens: billedInputTokens(text),
    cachedInputTokens: 0,
    outputTokens: billedOutputTokens(lastUser ? (typeof lastUser.content === 'string' ? lastUser.content : textOfParts(lastUser.content)) : ''),
  };
  return priceCall(DEFAULT_PRICES, ref, ref.provider === 'ollama', usage, atMs).micros;
}

/** Routing figures of one set of decisions. */
export interface RoutingFigures {
  readonly prompts: number;
  /** Cost as a share of always-premium, 0–1. */
  readonly costShare: number;
  /** Served below the label pool (under-routed), 0–1. */
  readonly belowLabel: number;
  readonly aboveLabel: number;
  /** Share the simulated user would reject. */
  readonly rejected: number;
}

export function routingFigures(items: readonly ReplayItem[], pools: readonly PoolName[], user: SimulatedUser, atMs: number): RoutingFigures {
  let cost = 0;
  let premium = 0;
  let below = 0;
  let above = 0;
  let rejected = 0;
  items.forEach((item, i) => {
    const pool = pools[i] as PoolName;
    cost += poolCostMicros(item.request, pool, atMs);
    premium += poolCostMicros(item.request, 'premium', atMs);
    if (poolRank(pool) < poolRank(item.label)) below++;
    if (poolRank(pool) > poolRank(item.label)) above++;
    if (user(item, pool) === 'reject') rejected++;
  });
  const n = Math.max(1, items.length);
  return { prompts: items.length, costShare: premium === 0 ? 0 : cost / premium, belowLabel: below / n, aboveLabel: above / n, rejected: rejected / n };
}

/** Splits prompts into the user's judged traffic and unseen prompts of the same kind (by a hash of the id: stable). */
export function splitForReplay(items: readonly ReplayItem[]): { readonly learn: ReplayItem[]; readonly evaluate: ReplayItem[] } {
  const learn: ReplayItem[] = [];
  const evaluate: ReplayItem[] = [];
  for (const item of items) (hashText(item.id) % 2 === 0 ? learn : evaluate).push(item);
  return { learn, evaluate };
}
