// Words for the line under an answer: pool · model · cost · latency · why, and the cascade's path (pure).
import type { AnswerMetaView, AttemptView } from '../shared/protocol';
import { formatServedCost } from '../shared/money';
import { formatLatency } from './format';

/** Shown on every answer that came from the demo fakes. */
export const DEMO_LABEL = 'demo answer (no real model)';

/** Why this pool answered: the classifier's reason and confidence, the user's pick, or privacy. */
export function whyText(meta: AnswerMetaView): string {
  switch (meta.source) {
    case 'privacy':
      return 'kept local: sensitive content';
    case 'user':
      return 'your choice';
    case 'embedded':
    case 'ollama': {
      const percent = Math.round(Math.min(1, Math.max(0, meta.confidence)) * 100);
      return `${meta.reason || 'classified'} (${percent}%)`;
    }
  }
}

/** Shown instead of the cost on an answer served from the response cache. */
export const CACHED_LABEL = 'cached — $0';
/** The same for an answer the meaning cache gave: it was asked in other words, so the user should know. */
export const MEANING_CACHED_LABEL = 'cached, asked before in other words — $0';

/** The parts of the meta line, in display order. */
export function metaParts(meta: AnswerMetaView): string[] {
  return [
    ...(meta.demo ? [DEMO_LABEL] : []),
    meta.pool,
    meta.model,
    meta.cached ? (meta.cacheMatch === 'meaning' ? MEANING_CACHED_LABEL : CACHED_LABEL) : formatServedCost(meta.costMicros, meta.unpriced, meta.model),
    formatLatency(meta.latencyMs),
    whyText(meta),
  ];
}

/** True when the cascade moved on from its first choice, so the path is worth showing. */
export function cascadeMovedOn(meta: AnswerMetaView): boolean {
  return meta.attempts.length > 1 || meta.attempts.some((a) => a.outcome !== 'ok');
}

/** One step of the path: `ollama:qwen → timeout, 3.0 s`. */
export function attemptText(attempt: AttemptView): string {
  return `${attempt.model} → ${attempt.outcome}, ${formatLatency(attempt.ms)}`;
}
