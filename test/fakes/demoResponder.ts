// A responder for demo mode: answers any prompt with a clearly labelled canned reply, streamed word by word.

import type { RecordedRequest, Responder, Script } from './script';

/** Rough token count (about four characters a token) for plausible usage numbers. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/**
 * Builds a responder that answers every chat with "[demo] …", naming the protocol and model, quoting
 * the start of the last user message, and honouring the request's max tokens (one word ≈ one token).
 */
export function demoResponder(protocol: string): Responder {
  return (request: RecordedRequest): Script => {
    const chat = request.chat;
    const model = chat?.model ?? 'unknown';
    const lastUser = [...(chat?.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
    const quoted = lastUser.replace(/\s+/g, ' ').trim().slice(0, 80);
    const answer =
      `[demo] ${protocol} model "${model}" would answer here. You asked: "${quoted}". ` +
      'This is a canned reply from the Triage fake server; no model ran and nothing was billed.';
    const words = answer.split(/(?<= )/);
    const limit = chat?.maxTokens ?? words.length;
    const chunks = words.slice(0, limit);
    const prompt = [chat?.system ?? '', ...(chat?.messages ?? []).map((m) => m.content)].join('\n');
    return {
      chunks,
      usage: { inputTokens: estimateTokens(prompt), outputTokens: chunks.length },
      finish: chunks.length < words.length ? 'length' : 'stop',
    };
  };
}
