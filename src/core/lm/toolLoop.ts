// Agent loops stay on one model: classify the user's turn, not tool results, and keep a tool-calling loop on the model
// that started it (its prompt cache stays warm) unless that model fails. VS Code's requests carry no conversation id,
// so the loop is recognised by the tool-call ids: the next request returns results for the calls a model made.

/** A message as far as this decision needs: who wrote it, its text, and the tool calls / results it holds. */
export interface LoopMessage {
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly toolCallIds?: readonly string[];
  readonly toolResultIds?: readonly string[];
}

/** The text to classify: the last user message that says something, not one that only returns tool results. */
export function userTurnText(messages: readonly LoopMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role === 'user' && m.text.trim() !== '') return m.text;
  }
  return '';
}

/** Remembers which model made which tool calls, for the few most recent calls. */
export class ToolLoopPins {
  private readonly byCall = new Map<string, string>();

  constructor(private readonly capacity = 500) {}

  /** A model answered with these tool calls. */
  remember(modelRef: string, callIds: readonly string[]): void {
    for (const id of callIds) {
      this.byCall.delete(id);
      this.byCall.set(id, modelRef);
    }
    while (this.byCall.size > this.capacity) this.byCall.delete(this.byCall.keys().next().value as string);
  }

  /** The model to keep when the request's last message returns results for calls a model made, else undefined. */
  pinned(messages: readonly LoopMessage[]): string | undefined {
    const last = messages[messages.length - 1];
    for (const id of last?.toolResultIds ?? []) {
      const ref = this.byCall.get(id);
      if (ref) return ref;
    }
    return undefined;
  }

  /** The pinned model failed: the loop may move on, and later results for its calls no longer pin. */
  release(modelRef: string): void {
    for (const [id, ref] of [...this.byCall]) if (ref === modelRef) this.byCall.delete(id);
  }
}
