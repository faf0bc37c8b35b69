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
