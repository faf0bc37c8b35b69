// Core's messages, tools and tool calls in Anthropic Messages form, and streamed tool_use blocks joined back.

import type {
  Base64ImageSource,
  ContentBlockParam,
  MessageParam,
  RawContentBlockDeltaEvent,
  RawContentBlockStartEvent,
  Tool,
  ToolChoice,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { ChatCall } from '../core/ports';
import type { ChatMessage, ToolCallPart } from '../core/request';
import type { ErrorContext } from './normaliseError';
import { base64Of, finishedToolCall } from './toolCalls';

/**
 * One core message as an Anthropic message. A user turn's `tool_result` blocks come first (the API requires them
 * before other content), then its text and base64 `image` blocks; an assistant turn's calls are `tool_use` blocks.
 * Empty text blocks are left out (the API rejects them).
 */
export function toAnthropicMessage(message: ChatMessage): MessageParam {
  if (!message.parts) return { role: message.role, content: message.content };
  const results: ContentBlockParam[] = [];
  const rest: ContentBlockParam[] = [];
  for (const part of message.parts) {
    if (part.type === 'text' && part.text !== '') rest.push({ type: 'text', text: part.text });
    else if (part.type === 'tool-call' && message.role === 'assistant') rest.push({ type: 'tool_use', id: part.callId, name: part.name, input: part.input });
    else if (part.type === 'tool-result' && message.role === 'user') {
      results.push({ type: 'tool_result', tool_use_id: part.callId, content: part.content, ...(part.isError ? { is_error: true } : {}) });
    } else if (part.type === 'image' && message.role === 'user') {
      // An unsupported type is sent as it is: the API's 400 moves the cascade on.
      const source = { type: 'base64', media_type: part.mimeType as Base64ImageSource['media_type'], data: base64Of(part.data) } as const;
      rest.push({ type: 'image', source });
    }
  }
  const content = [...results, ...rest];
  return { role: message.role, content: content.length > 0 ? content : message.content };
}

/** The call's tools with their input schemas, and its tool mode as `tool_choice` (`required` is `any`). */
export function toAnthropicTools(call: ChatCall): { tools?: Tool[]; tool_choice?: ToolChoice } {
  if (!call.tools?.length) return {};
  const tools: Tool[] = call.tools.map((t) => ({
    name: t.name,
    description: t.description,
    input_schema: { type: 'object', ...(t.inputSchema ?? {}) } as Tool['input_schema'],
  }));
  const choice = call.toolMode === 'required' ? { type: 'any' as const } : call.toolMode === 'auto' ? { type: 'auto' as const } : undefined;
  return { tools, ...(choice ? { tool_choice: choice } : {}) };
}

/** Joins each `tool_use` block: its start names the id and tool, `input_json_delta` pieces add the arguments' JSON. */
export class AnthropicToolCalls {
  private readonly byIndex = new Map<number, { id: string; name: string; json: string[] }>();

  /** True when the event belonged to a tool_use block (so it counts as content). */
  add(event: RawContentBlockStartEvent | RawContentBlockDeltaEvent): boolean {
    if (event.type === 'content_block_start') {
      if (event.content_block.type !== 'tool_use') return false;
      this.byIndex.set(event.index, { id: event.content_block.id, name: event.content_block.name, json: [] });
      return true;
    }
    const entry = this.byIndex.get(event.index);
    if (!entry || event.delta.type !== 'input_json_delta') return false;
    entry.json.push(event.delta.partial_json);
    return true;
  }

  /** The complete calls in block order; throws ProviderError `malformed` for input that is not a JSON object. */
  finish(ctx: ErrorContext): ToolCallPart[] {
    return [...this.byIndex.entries()].sort(([a], [b]) => a - b).map(([, e]) => finishedToolCall(ctx, e.id, e.name, e.json.join('')));
  }
}
