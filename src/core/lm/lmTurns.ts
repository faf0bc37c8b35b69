// One `provideLanguageModelChatResponse` call as a routed turn: the request (its tool loop's model pinned when the
// last message returns results for calls a model made) and what its result teaches the pins. The host stays thin.

import type { ChatMessage, ToolMode, ToolSpec, TriageRequest } from '../request';
import type { RouteResult } from '../routeTypes';
import { lmRequest, loopMessage, type LmModelId } from './lmRequest';
import { ToolLoopPins } from './toolLoop';

/** What VS Code's request carries besides the messages. */
export interface LmTurnOptions {
  readonly maxOutputTokens?: number;
  /** The calling extension's id, already validated. */
  readonly caller?: string;
  readonly tools?: readonly ToolSpec[];
  readonly toolMode?: ToolMode;
}

/** A turn ready to route, and the model it was pinned to (if any), for `settle`. */
export interface LmTurn {
  readonly request: TriageRequest;
  readonly pinned?: string;
}

/**
 * The tool loops of one provider. Classification reads the user's turn (lmRequest), never tool results; a turn that
 * returns results goes first to the model that made the calls (`preferModel`), unless that model failed since.
 */
export class LmToolLoops {
  constructor(private readonly pins = new ToolLoopPins()) {}

  /** The router's request for these messages. */
  turn(model: LmModelId, messages: readonly ChatMessage[], options: LmTurnOptions = {}): LmTurn {
    const pinned = this.pins.pinned(messages.map(loopMessage));
    const tools = options.tools?.length ? { tools: options.tools, toolMode: options.toolMode ?? 'auto' } : {};
    const request: TriageRequest = {
      ...lmRequest(model, messages, options.maxOutputTokens),
      ...(options.caller ? { caller: options.caller } : {}),
      ...tools,
      ...(pinned ? { preferModel: pinned } : {}),
    };
    return { request, ...(pinned ? { pinned } : {}) };
  }

  /**
   * After the turn: a pinned model that did not serve it (it failed, or was passed over) no longer holds the loop;
   * the model that answered with tool calls holds the next turn that returns their results.
   */
  settle(turn: LmTurn, result: RouteResult): void {
    if (turn.pinned && result.servedBy !== turn.pinned) this.pins.release(turn.pinned);
    const calls = result.answer?.kind === 'chat' ? (result.answer.toolCalls ?? []) : [];
    if (result.servedBy && calls.length > 0) this.pins.remember(result.servedBy, calls.map((c) => c.callId));
  }
}
