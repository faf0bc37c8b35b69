// The request a developer makes and the pools that can serve it: the vocabulary every layer shares.

/** What the developer asked for: change the selection, review it, or chat; `lm` is a request through VS Code's language model API. */
export type RequestKind = 'edit' | 'review' | 'chat' | 'lm';

/** The four pools, cheapest first. */
export const POOLS = ['local', 'quick', 'coding', 'reasoning'] as const;

/** A pool of models of similar cost and strength. */
export type PoolName = (typeof POOLS)[number];

/** Position of a pool in the cost order: local 0 … reasoning 3. */
export function poolRank(pool: PoolName): number {
  return POOLS.indexOf(pool);
}

/** True when `value` names one of the four pools. */
export function isPoolName(value: unknown): value is PoolName {
  return typeof value === 'string' && (POOLS as readonly string[]).includes(value);
}

/** One turn of a conversation, as sent to a model. */
export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/** A developer's request, before routing. Text only; no editor objects. */
export interface TriageRequest {
  readonly kind: RequestKind;
  /** The instruction or question as typed. */
  readonly instruction: string;
  /** The code or text the instruction applies to, if any. */
  readonly selection?: string;
  /** Language id of the selection's document (`typescript`, `python`, …). */
  readonly languageId?: string;
  /** An edit with no selection inserts at the cursor; this is the code around it, as context only. */
  readonly aroundCursor?: { readonly before: string; readonly after: string };
  /**
   * Earlier turns of the conversation, oldest first. For kind `lm` it is every message VS Code sent, the last one
   * included, and `instruction` is the user's turn (what the classifier reads), not sent again.
   */
  readonly conversation?: readonly ChatMessage[];
  /** The pool the user chose; undefined means the classifier decides. */
  readonly explicitPool?: PoolName;
  /**
   * The pool that answered the previous turn of this conversation. A follow-up builds on that answer ("why?",
   * "now add tests"), so the classifier's choice is never below it; the user's own choice still wins.
   */
  readonly followsPool?: PoolName;
  /**
   * Set on a retry that asks for a stronger model: `provider:model` refs the cascade passes over (those that
   * answered, and weaker ones). Such a retry never ends at the local fallback — a weaker answer is not what was
   * asked for — but fails with the reasons instead.
   */
  readonly avoidModels?: readonly string[];
  /** For kind `lm`: the extension that called Triage's model (`publisher.name`), when VS Code said; validated. */
  readonly caller?: string;
  /** Upper bound on output tokens for this request. */
  readonly maxOutputTokens?: number;
}

/** A reference to one model of one configured provider, written `provider:model`. */
export interface ModelRef {
  /** Configured provider id (`ollama`, `openai`, `anthropic`, `deepseek`, …). */
  readonly provider: string;
  /** The provider's model id; may itself contain colons (`qwen2.5-coder:7b`). */
  readonly model: string;
}

/** Parses `provider:model`; the first colon separates them. Undefined when malformed. */
export function parseModelRef(text: string): ModelRef | undefined {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1) return undefined;
  const provider = text.slice(0, at).trim();
  const model = text.slice(at + 1).trim();
  if (!/^[A-Za-z0-9_-]+$/.test(provider) || model.length === 0) return undefined;
  return { provider, model };
}

/** The `provider:model` text of a reference. */
export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}:${ref.model}`;
}
