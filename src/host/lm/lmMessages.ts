// VS Code's language model messages as Triage's ChatMessages. Parts Triage cannot send yet are dropped here, named
// in the log by the caller, never guessed at.
import * as vscode from 'vscode';
import type { ChatMessage } from '../../core/request';

/** The messages of one request, oldest first, with each message's text parts joined. */
export function toChatMessages(messages: readonly vscode.LanguageModelChatRequestMessage[]): ChatMessage[] {
  return messages.map((m) => ({
    role: m.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'user',
    content: m.content
      .filter((part): part is vscode.LanguageModelTextPart => part instanceof vscode.LanguageModelTextPart)
      .map((part) => part.value)
      .join(''),
  }));
}
