// Picks the prompt builder for a request's kind.

import type { TriageRequest } from '../request';
import { buildChatPrompt } from './chatPrompt';
import { buildEditPrompt } from './editPrompt';
import { buildLmPrompt } from './lmPrompt';
import type { PromptSpec } from './promptSpec';
import { buildReviewPrompt } from './reviewPrompt';

/** The prompt for any request. */
export function buildPrompt(request: TriageRequest): PromptSpec {
  switch (request.kind) {
    case 'edit':
      return buildEditPrompt(request);
    case 'review':
      return buildReviewPrompt(request);
    case 'chat':
      return buildChatPrompt(request);
    case 'lm':
      return buildLmPrompt(request);
  }
}
