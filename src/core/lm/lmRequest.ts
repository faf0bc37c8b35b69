// Turns a request through VS Code's language model API into a TriageRequest: the model picked chooses the pool,
// Triage Auto leaves it to the classifier, which reads the user's turn (not tool results).

import type { ChatMessage, PoolName, TriageRequest } from '../request';
import { userTurnText, type LoopMessage } from './toolLoop';

/** The host's model id: `auto` or a pool. */
export type LmModelId = 'auto' | PoolName;

/** The router's request for one `provideLanguageModelChatResponse` call. */
export function lmRequest(model: LmModelId, messages: readonly ChatMessage[], maxOutputTokens?: number): TriageRequest {
  return {
    kind: 'lm',
    instruction: userTurnText(messages.map(loopMessage)),
    conversation: messages,
    ...(model === 'auto' ? {} : { explicitPool: model }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
  };
}

/** What the tool-loop rules need of a message. */
export function loopMessage(message: ChatMessage): LoopMessage {
  return { role: message.role, text: message.content };
}

/** What a message costs in tokens beyond its text: tool calls' arguments and tool results count too (images do not). */
export function countedText(messages: readonly ChatMessage[]): string {
  const pieces: string[] = [];
  for (const m of messages) {
    if (!m.parts) {
      pieces.push(m.content);
      continue;
    }
    for (const p of m.parts) {
      if (p.type === 'text') pieces.push(p.text);
      else if (p.type === 'tool-call') pieces.push(`${p.name} ${JSON.stringify(p.input)}`);
      else if (p.type === 'tool-result') pieces.push(p.content);
    }
  }
  return pieces.join('\n');
}
