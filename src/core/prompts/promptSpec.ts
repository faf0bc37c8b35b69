// What a prompt builder hands the cascade: everything in a ChatCall except the model and the signal.

import type { ChatMessage } from '../request';

/** A provider-neutral prompt for one request. */
export interface PromptSpec {
  readonly system: string;
  readonly messages: readonly ChatMessage[];
  readonly maxOutputTokens: number;
  /** JSON Schema the answer must follow (reviews). */
  readonly jsonSchema?: Readonly<Record<string, unknown>>;
}

/** A fence of backticks longer than any run inside `code`, so the code cannot close it early. */
export function fenceFor(code: string): string {
  let longest = 0;
  for (const match of code.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** `code` inside a fence tagged with the language. */
export function fenced(code: string, languageId: string | undefined): string {
  const fence = fenceFor(code);
  return `${fence}${languageId ?? ''}\n${code.replace(/\n$/, '')}\n${fence}`;
}
