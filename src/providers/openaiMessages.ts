// Core's messages, tools and tool calls in OpenAI Chat Completions form, and streamed tool-call fragments joined back.

import type {
  ChatCompletionChunk,
  ChatCompletionContentPart,
  ChatCompletionMessageParam,
  ChatCompletionTool,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import type { ChatCall } from '../core/ports';
import type { ChatMessage, ToolCallPart } from '../core/request';
import type { ErrorContext } from './normaliseError';
import { base64Of, finishedToolCall } from './toolCalls';

/**
 * One core message as OpenAI messages. A user turn's tool results go first, each its own `role: "tool"` message with
 * its `tool_call_id` (they must follow the assistant message that made the calls); its text and images, if any, follow
 * as one user message (images as `image_url` data URLs). An assistant turn's tool calls go in `tool_calls`.
 */
export function toOpenAiMessages(message: ChatMessage): ChatCompletionMessageParam[] {
  if (!message.parts) return [{ role: message.role, content: message.content }];
  if (message.role === 'assistant') {
    const text = message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
    const calls = message.parts.flatMap((p) =>
      p.type === 'tool-call' ? [{ id: p.callId, type: 'function' as const, function: { name: p.name, arguments: JSON.stringify(p.input) } }] : [],
    );
    return [{ role: 'assistant', content: text === '' && calls.length > 0 ? null : text, ...(calls.length > 0 ? { tool_calls: calls } : {}) }];
  }
  const out: ChatCompletionMessageParam[] = [];
  const content: ChatCompletionContentPart[] = [];
  for (const part of message.parts) {
    if (part.type === 'tool-result') out.push({ role: 'tool', tool_call_id: part.callId, content: part.content });
    else if (part.type === 'text') content.push({ type: 'text', text: part.text });
    else if (part.type === 'image') content.push({ type: 'image_url', image_url: { url: `data:${part.mimeType};base64,${base64Of(part.data)}` } });
  }
  if (content.length > 0) {
    const textOnly = content.every((c) => c.type === 'text');
    out.push({ role: 'user', content: textOnly ? content.map((c) => (c.type === 'text' ? c.text : '')).join('') : content });
  }
  return out;
}

/** The call's tools as function tools and its tool mode as `tool_choice`; nothing when it has no tools. */
export function toOpenAiTools(call: ChatCall): { tools?: ChatCompletionTool[]; tool_choice?: ChatCompletionToolChoiceOption } {
  if (!call.tools?.length) return {};
  const tools: ChatCompletionTool[] = call.tools.map((t) => ({
    type: 'function',
    function: { name: t.name, description: t.description, parameters: { ...(t.inputSchema ?? { type: 'object', properties: {} }) } },
  }));
  return { tools, ...(call.toolMode ? { tool_choice: call.toolMode } : {}) };
}

type ToolCallDelta = NonNullable<ChatCompletionChunk.Choice.Delta['tool_calls']>[number];

/** Joins `delta.tool_calls[i]` fragments by index: the first names the id and function, the rest add argument text. */
export class OpenAiToolCalls {
  private readonly byIndex = new Map<number, { id: string; name: string; args: string[] }>();

  add(deltas: readonly ToolCallDelta[] | undefined): boolean {
    if (!deltas?.length) return false;
    for (const d of deltas) {
      const entry = this.byIndex.get(d.index) ?? { id: '', name: '', args: [] };
      if (d.id) entry.id = d.id;
      if (d.function?.name && !entry.name) entry.name = d.function.name; // some compatible servers repeat it
      if (d.function?.arguments) entry.args.push(d.function.arguments);
      this.byIndex.set(d.index, entry);
    }
    return true;
  }

  /** The complete calls in index order; throws ProviderError `malformed` for arguments that are not a JSON object. */
  finish(ctx: ErrorContext): ToolCallPart[] {
    return [...this.byIndex.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, e]) => finishedToolCall(ctx, e.id || `call_${index}`, e.name, e.args.join('')));
  }
}
