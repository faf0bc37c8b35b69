// VS Code's language model messages and tools as Triage's ChatMessages and ToolSpecs. Parts Triage cannot send
// (prompt-tsx parts, cache hints, non-image data) are counted so the caller can log them, never guessed at.
import * as vscode from 'vscode';
import { textOfParts, type ChatMessage, type ChatPart, type ToolMode, type ToolSpec } from '../../core/request';

/** The messages of one request, oldest first, and how many parts were left out. */
export function toChatMessages(messages: readonly vscode.LanguageModelChatRequestMessage[]): ChatMessage[] {
  return messages.map((m) => {
    const parts = m.content.flatMap(toChatPart);
    const role = m.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'user';
    const content = textOfParts(parts);
    // Plain text stays a plain message, as the sidebar's are; anything more travels as parts.
    return parts.every((p) => p.type === 'text') ? { role, content } : { role, content, parts };
  });
}

function toChatPart(part: unknown): ChatPart[] {
  if (part instanceof vscode.LanguageModelTextPart) return [{ type: 'text', text: part.value }];
  if (part instanceof vscode.LanguageModelToolCallPart) {
    const input = typeof part.input === 'object' && part.input !== null && !Array.isArray(part.input) ? (part.input as Record<string, unknown>) : {};
    return [{ type: 'tool-call', callId: part.callId, name: part.name, input }];
  }
  if (part instanceof vscode.LanguageModelToolResultPart) {
    const content = part.content.flatMap((c) => (c instanceof vscode.LanguageModelTextPart ? [c.value] : [])).join('');
    return [{ type: 'tool-result', callId: part.callId, content }];
  }
  const image = imageOf(part);
  return image ? [image] : [];
}

// LanguageModelDataPart is not in the 1.104 types (the floor): recognised by its shape, images only.
function imageOf(part: unknown): ChatPart | undefined {
  if (typeof part !== 'object' || part === null) return undefined;
  const { mimeType, data } = part as { mimeType?: unknown; data?: unknown };
  if (typeof mimeType !== 'string' || !mimeType.startsWith('image/') || !(data instanceof Uint8Array)) return undefined;
  return { type: 'image', mimeType, data };
}

/** The request's tools in Triage's form; undefined when there are none. */
export function toToolSpecs(tools: readonly vscode.LanguageModelChatTool[] | undefined): ToolSpec[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  return tools.map((t) => ({
    name: t.name,
    description: t.description,
    ...(t.inputSchema && typeof t.inputSchema === 'object' ? { inputSchema: t.inputSchema as Record<string, unknown> } : {}),
  }));
}

/** VS Code's tool mode: Required means the answer must call a tool. */
export function toToolMode(mode: vscode.LanguageModelChatToolMode | undefined): ToolMode {
  return mode === vscode.LanguageModelChatToolMode.Required ? 'required' : 'auto';
}
