// Core's messages, tools and tool calls in Ollama /api/chat form, and the streamed message.tool_calls read back.

import type { Message, Tool, ToolCall } from 'ollama';
import type { ChatCall } from '../core/ports';
import { textOfParts, type ChatMessage, type ToolCallPart } from '../core/request';
import type { ErrorContext } from './normaliseError';
import { base64Of, finishedToolCall } from './toolCalls';

/**
 * A tool call as the Ollama server sends and accepts it. ollama-js 0.6.4 types only `function.name`/`arguments`;
 * the server (api/types.go) also has the call's `id` and `function.index`, and a tool message's `tool_call_id`.
 * Sending them is harmless where a server predates them (Go ignores unknown fields).
 */
type WireToolCall = ToolCall & { id?: string; function: ToolCall['function'] & { index?: number } };
type WireMessage = Omit<Message, 'tool_calls'> & { tool_calls?: WireToolCall[]; tool_call_id?: string };

/**
 * Core's conversation as Ollama messages. An assistant turn's calls go in `tool_calls` with their arguments as an
 * object (Ollama's form, not a JSON text); a user turn's tool results go first, each a `role: "tool"` message naming
 * the tool (`tool_name`, found from the call it answers) and the call (`tool_call_id`); its text and images follow
 * as one user message, the images base64 in `images`.
 */
export function toOllamaMessages(messages: readonly ChatMessage[]): WireMessage[] {
  const toolNames = new Map<string, string>();
  for (const m of messages) for (const p of m.parts ?? []) if (p.type === 'tool-call') toolNames.set(p.callId, p.name);
  return messages.flatMap((message): WireMessage[] => {
    if (!message.parts) return [{ role: message.role, content: message.content }];
    // The parts are what is sent (as the other adapters do), so a redacted text part is what leaves the machine.
    const text = textOfParts(message.parts);
    if (message.role === 'assistant') {
      const calls = message.parts.flatMap((p): WireToolCall[] => (p.type === 'tool-call' ? [{ id: p.callId, function: { name: p.name, arguments: { ...p.input } } }] : []));
      return [{ role: 'assistant', content: text, ...(calls.length > 0 ? { tool_calls: calls } : {}) }];
    }
    const out: WireMessage[] = [];
    const images: string[] = [];
    for (const part of message.parts) {
      if (part.type === 'tool-result') {
        const name = toolNames.get(part.callId);
        out.push({ role: 'tool', content: part.content, tool_call_id: part.callId, ...(name ? { tool_name: name } : {}) });
      } else if (part.type === 'image') images.push(base64Of(part.data));
    }
    if (text !== '' || images.length > 0) out.push({ role: 'user', content: text, ...(images.length > 0 ? { images } : {}) });
    return out;
  });
}

/**
 * The call's tools as Ollama function tools; nothing when it has none. Ollama has no `tool_choice`: `required` is
 * enforced after the answer (an answer without a tool call is unusable and the cascade moves on).
 */
export function toOllamaTools(call: ChatCall): { tools?: Tool[] } {
  if (!call.tools?.length) return {};
  return {
    tools: call.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: { ...(t.inputSchema ?? { type: 'object', properties: {} }) } as Tool['function']['parameters'] },
    })),
  };
}

/**
 * Collects `message.tool_calls` across the stream. Ollama sends each call whole (arguments already an object), in
 * one or more chunks; a call with no `id` (older servers) gets one unique to this provider, so a tool loop's pin
 * never confuses two calls.
 */
export class OllamaToolCalls {
  private readonly calls: { id: string; name: string; args: unknown }[] = [];

  constructor(private readonly newId: () => string) {}

  /** True when the chunk held tool calls (so it counts as content). */
  add(calls: readonly WireToolCall[] | undefined): boolean {
    if (!calls?.length) return false;
    for (const c of calls) this.calls.push({ id: c.id || this.newId(), name: c.function?.name ?? '', args: c.function?.arguments });
    return true;
  }

  get count(): number {
    return this.calls.length;
  }

  /** The calls in order; throws ProviderError `malformed` for arguments that are not an object (or a JSON object text). */
  finish(ctx: ErrorContext): ToolCallPart[] {
    return this.calls.map((c) => finishedToolCall(ctx, c.id, c.name, argumentsOf(c.args)));
  }
}

/** An object or a text is parsed further; anything else (a number, an array, null) is passed as a text so it fails. */
function argumentsOf(raw: unknown): string | Readonly<Record<string, unknown>> | undefined {
  if (raw === undefined || typeof raw === 'string') return raw;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return raw as Record<string, unknown>;
  return JSON.stringify(raw);
}
