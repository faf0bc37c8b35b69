// Triage's ChatMessages and ToolSpecs in VS Code's language model form, for a `vscode-lm` pool member (the reverse of
// lmMessages.ts). The stable API has no system role: the system prompt goes first as a user message.
import * as vscode from 'vscode';
import type { ChatMessage, ChatPart, ToolSpec } from '../../core/request';

type UserPart = vscode.LanguageModelTextPart | vscode.LanguageModelToolResultPart;
type AssistantPart = vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart;

/** The system prompt (as a first user message) and the conversation, parts kept. */
export function toLmMessages(system: string | undefined, messages: readonly ChatMessage[]): vscode.LanguageModelChatMessage[] {
  const out: vscode.LanguageModelChatMessage[] = [];
  if (system) out.push(vscode.LanguageModelChatMessage.User(system));
  for (const m of messages) {
    if (!m.parts) {
      out.push(m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(m.content) : vscode.LanguageModelChatMessage.User(m.content));
      continue;
    }
    if (m.role === 'assistant') {
      out.push(vscode.LanguageModelChatMessage.Assistant(m.parts.flatMap(assistantPart)));
    } else {
      // An image is a LanguageModelDataPart (not in the 1.104 types): passed through where this VS Code has it.
      out.push(vscode.LanguageModelChatMessage.User(m.parts.flatMap(userPart) as UserPart[]));
    }
  }
  return out;
}

function assistantPart(p: ChatPart): AssistantPart[] {
  if (p.type === 'text') return [new vscode.LanguageModelTextPart(p.text)];
  if (p.type === 'tool-call') return [new vscode.LanguageModelToolCallPart(p.callId, p.name, { ...p.input })];
  return [];
}

function userPart(p: ChatPart): unknown[] {
  if (p.type === 'text') return [new vscode.LanguageModelTextPart(p.text)];
  if (p.type === 'tool-result') return [new vscode.LanguageModelToolResultPart(p.callId, [new vscode.LanguageModelTextPart(p.content)])];
  if (p.type === 'image') {
    const dataPart = (vscode as unknown as { LanguageModelDataPart?: { image(data: Uint8Array, mime: string): unknown } }).LanguageModelDataPart;
    return dataPart ? [dataPart.image(p.data, p.mimeType)] : [];
  }
  return [];
}

/** The call's tools in VS Code's form; undefined when there are none. */
export function toLmTools(tools: readonly ToolSpec[] | undefined): vscode.LanguageModelChatTool[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  return tools.map((t) => ({ name: t.name, description: t.description, ...(t.inputSchema ? { inputSchema: t.inputSchema } : {}) }));
}
