// The chat prompt: plain markdown answers, with the conversation so far and the selection as context.

import { textOfParts } from '../request';
import type { ChatMessage, TriageRequest } from '../request';
import { fenced } from './promptSpec';
import type { PromptSpec } from './promptSpec';

/** System prompt for chat. */
export const CHAT_SYSTEM = [
  'You are a coding assistant inside the user\'s editor.',
  'Answer in concise GitHub-flavoured markdown. Put code in fenced blocks tagged with their language.',
  'When you are unsure, say so rather than guess.',
].join('\n');

/** Said instead of the code when the same selection is already in an earlier turn being sent. */
export const SAME_SELECTION_NOTE = '(The selected code is the same as attached earlier in this conversation.)';

/**
 * The user message of a chat request as the model receives it: the question, then any selected code — once per
 * conversation: when an earlier turn sent with it already holds the same code, a note stands in for it.
 */
export function chatUserMessage(request: TriageRequest): string {
  const language = request.languageId ? ` (${request.languageId})` : '';
  const selection = request.selection;
  const sentBefore = selection ? (request.conversation ?? []).some((m) => m.role === 'user' && m.content.includes(fenced(selection, request.languageId))) : false;
  const context = !selection ? '' : sentBefore ? `\n\n${SAME_SELECTION_NOTE}` : `\n\nSelected code${language}:\n${fenced(selection, request.languageId)}`;
  return `${request.instruction}${context}`;
}

/** The current turn: the question with any selected code, or the turn's own parts (tool results, images) as they came. */
function currentTurn(request: TriageRequest): ChatMessage {
  if (request.parts) return { role: 'user', content: textOfParts(request.parts), parts: request.parts };
  return { role: 'user', content: chatUserMessage(request) };
}

/** The prompt for a chat request: earlier turns, then the current one. */
export function buildChatPrompt(request: TriageRequest): PromptSpec {
  return {
    system: CHAT_SYSTEM,
    messages: [...(request.conversation ?? []), currentTurn(request)],
    maxOutputTokens: request.maxOutputTokens ?? 4096,
  };
}
