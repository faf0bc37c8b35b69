// The chat prompt: plain markdown answers, with the conversation so far and the selection as context.

import type { TriageRequest } from '../request';
import { fenced } from './promptSpec';
import type { PromptSpec } from './promptSpec';

/** System prompt for chat. */
export const CHAT_SYSTEM = [
  'You are a coding assistant inside the user\'s editor.',
  'Answer in concise GitHub-flavoured markdown. Put code in fenced blocks tagged with their language.',
  'When you are unsure, say so rather than guess.',
].join('\n');

/** The user message of a chat request as the model receives it: the question, then any selected code. */
export function chatUserMessage(request: TriageRequest): string {
  const language = request.languageId ? ` (${request.languageId})` : '';
  const context = request.selection ? `\n\nSelected code${language}:\n${fenced(request.selection, request.languageId)}` : '';
  return `${request.instruction}${context}`;
}

/** The prompt for a chat request: earlier turns, then the question with any selected code. */
export function buildChatPrompt(request: TriageRequest): PromptSpec {
  return {
    system: CHAT_SYSTEM,
    messages: [...(request.conversation ?? []), { role: 'user', content: chatUserMessage(request) }],
    maxOutputTokens: request.maxOutputTokens ?? 4096,
  };
}
