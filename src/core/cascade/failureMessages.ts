// Plain-language explanations for a request no model could serve.

import type { ModelRef } from '../request';
import { formatModelRef } from '../request';
import type { AttemptRecord } from './attemptRecord';

/** Why the whole cascade came up empty, naming what was tried (at most six models). */
export function exhaustedMessage(attempts: readonly AttemptRecord[], privacy: boolean, budgetMode: boolean, fallback: ModelRef): string {
  const tried = attempts.slice(0, 6).map((a) => `${a.model} (${a.outcome})`).join(', ');
  const more = attempts.length > 6 ? `, and ${attempts.length - 6} more` : '';
  const path = tried ? ` Tried: ${tried}${more}.` : '';
  if (privacy) {
    return `This request contains a credential or personal identifier, so only models on this machine may answer it, and none did. Check that Ollama is running and has ${formatModelRef(fallback)}.${path}`;
  }
  if (budgetMode) return `The budget allows no paid model for this request, and no cheaper or local model answered.${path}`;
  return `No model could answer this request.${path}`;
}
