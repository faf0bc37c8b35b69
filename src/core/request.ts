// The request a developer makes and the pools that can serve it: the vocabulary every layer shares.

/** What the developer asked for: change the selection, review it, or chat; `lm` is a request through VS Code's language model API. */
export type RequestKind = 'edit' | 'review' | 'chat' | 'lm';

/** Chat and `lm` answers are free text that streams to the caller and may call tools; edits and reviews are parsed first. */
export function streamsLikeChat(kind: RequestKind): boolean {
  return kind !== 'edit' && kind !== 'review';
}

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

/** One piece of a message beyond plain text: an image, a tool call the model made, or a tool's result sent back. */
export type ChatPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly mimeType: string; readonly data: Uint8Array }
  | { readonly type: 'tool-call'; readonly callId: string; readonly name: string; readonly input: Readonly<Record<string, unknown>> }
  | { readonly type: 'tool-result'; readonly callId: string; readonly content: string; readonly isError?: boolean };

/** A tool call a model made, with its arguments parsed into an object. */
export type ToolCallPart = Extract<ChatPart, { readonly type: 'tool-call' }>;

/** One turn of a conversation, as sent to a model. */
export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  /** The text of the message (all text parts joined); always set so existing code keeps working. */
  readonly content: string;
  /** Present when the message has more than plain text (tool calls on an assistant turn, tool results/images on a user turn). */
  readonly parts?: readonly ChatPart[];
}

/** A tool the model may call; `inputSchema` is the JSON Schema of its arguments object. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: Readonly<Record<string, unknown>>;
}

/** `auto`: the model may answer in text or call tools; `required`: the answer must call at least one tool. */
export type ToolMode = 'auto' | 'required';

/** The text parts of `parts`, joined: what `ChatMessage.content` holds for a message that has parts. */
export function textOfParts(parts: readonly ChatPart[]): string {
  return parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
}

/** True when any message holds an image. */
export function hasImages(messages: readonly ChatMessage[]): boolean {
  return messages.some((m) => m.parts?.some((p) => p.type === 'image') === true);
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
  /** Ask again fresh: the response cache is not consulted, but the new answer replaces what it held. */
  readonly fresh?: boolean;
  /** For kind `lm`: the extension that called Triage's model (`publisher.name`), when VS Code said; validated. */
  readonly caller?: string;
  /** Upper bound on output tokens for this request. */
  readonly maxOutputTokens?: number;
  /**
   * The parts of the current user turn (tool results, images, text) when it is more than text (VS Code's language
   * model requests). The turn is then sent as these parts; `instruction` stays the text the request is classified on.
   */
  readonly parts?: readonly ChatPart[];
  /** Tools the model may call (chat only); the answer may then hold tool calls. */
  readonly tools?: readonly ToolSpec[];
  /** With `tools`: `required` makes an answer without a tool call unusable (the cascade moves on). Default `auto`. */
  readonly toolMode?: ToolMode;
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
