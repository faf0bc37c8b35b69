// The prompt for a request through VS Code's language model API: the caller's messages as they are, no system prompt.

import type { TriageRequest } from '../request';
import type { PromptSpec } from './promptSpec';

/**
 * The caller (Copilot Chat, another extension) wrote the whole prompt, its own instructions included: Triage adds
 * nothing, so the answer is what the caller asked for from whichever model serves it. Adapters send no system
 * message for an empty `system`.
 */
export function buildLmPrompt(request: TriageRequest): PromptSpec {
  return {
    system: '',
    messages: request.conversation ?? [{ role: 'user', content: request.instruction }],
    maxOutputTokens: request.maxOutputTokens ?? 4096,
  };
}
