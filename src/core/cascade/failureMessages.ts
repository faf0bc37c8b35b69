// Plain-language explanations for a request no model could serve.

import type { ModelInfo } from '../pools/poolsConfig';
import type { ModelRef } from '../request';
import { formatModelRef } from '../request';
import { isSkip } from './attemptRecord';
import type { AttemptRecord } from './attemptRecord';

/** A request that must stay local, longer than every local model's context window: its size and those windows. */
export interface LocalWindowShortfall {
  /** Estimated prompt tokens plus the answer budget. */
  readonly needed: number;
  /** Each local model passed over or that cut the prompt, with its known window. */
  readonly models: readonly { readonly model: string; readonly window?: number }[];
}

/**
 * For a request that must stay local: when every local model was passed over as too small (`skipped-context`) or cut
 * the prompt (`context-too-long`) and none failed otherwise, the prompt's size (`needed`) and their windows.
 */
export function localWindowShortfall(attempts: readonly AttemptRecord[], models: Readonly<Record<string, ModelInfo>>, needed: number): LocalWindowShortfall | undefined {
  const tooSmall = attempts.filter((a) => a.outcome === 'skipped-context' || a.outcome === 'context-too-long');
  if (tooSmall.length === 0 || attempts.some((a) => !isSkip(a.outcome) && a.outcome !== 'context-too-long')) return undefined;
  const windowOf = (model: string) => models[model]?.contextWindow;
  return { needed, models: [...new Set(tooSmall.map((a) => a.model))].map((model) => ({ model, ...(windowOf(model) ? { window: windowOf(model) } : {}) })) };
}

const tokens = (n: number) => n.toLocaleString('en-US');

/** What a person can do about a prompt longer than a model's window. */
function remedy(models: readonly string[]): string {
  const example = models[0] ?? 'ollama:MODEL';
  return (
    'Shorten it: select less code, or clear the conversation (or send without history). ' +
    `If the model takes a longer context, say so in triage.models, e.g. "${example}": {"contextWindow": 65536}, or choose a local model with a larger window.`
  );
}

/**
 * Why the whole cascade came up empty, naming what was tried (at most six models). `tooLong`: the request had to stay
 * on this machine and no local model's window holds it, which is then the reason given.
 */
export function exhaustedMessage(attempts: readonly AttemptRecord[], privacy: boolean, budgetMode: boolean, fallback: ModelRef, tooLong?: LocalWindowShortfall): string {
  const tried = attempts.slice(0, 6).map((a) => `${a.model} (${a.outcome})`).join(', ');
  const more = attempts.length > 6 ? `, and ${attempts.length - 6} more` : '';
  const path = tried ? ` Tried: ${tried}${more}.` : '';
  if (privacy && tooLong) {
    const windows = tooLong.models.map((m) => (m.window ? `${m.model} holds ${tokens(m.window)}` : `${m.model} cut it`)).join(', ');
    return (
      `This request contains a credential or personal identifier, so only models on this machine may answer it, and it is too long for them: ` +
      `it needs about ${tokens(tooLong.needed)} tokens with room for the answer, and ${windows}. ` +
      remedy(tooLong.models.map((m) => m.model))
    );
  }
  if (privacy) {
    return `This request contains a credential or personal identifier, so only models on this machine may answer it, and none did. Check that Ollama is running and has ${formatModelRef(fallback)}.${path}`;
  }
  if (budgetMode) return `The budget allows no paid model for this request, and no cheaper or local model answered.${path}`;
  return `No model could answer this request.${path}`;
}

/**
 * A streamed answer whose model turned out (at the end) to have read only part of the prompt: the text stays shown,
 * marked by this message, since another model can no longer be tried once the answer has begun. `room`: the context
 * the model was given and its window, when the window is larger (the adapter then sizes the next call larger).
 */
export function cutPromptMessage(model: string, privacy: boolean, room?: { readonly used: number; readonly window: number }): string {
  if (room && room.window > room.used) {
    return `${model} read only part of the prompt (it was longer than the ${tokens(room.used)} tokens of context it was given), so the answer above may miss what was cut. Ask again: ${model} now gets a larger context for it, up to its window of ${tokens(room.window)}.`;
  }
  const local = privacy ? ' The request holds a credential or personal identifier, so it stays on this machine.' : ' Ask a stronger model to have one with a larger window answer it.';
  return `The prompt was longer than ${model}'s context window: the model read only part of it, so the answer above may miss what was cut.${local} ${remedy([model])}`;
}
