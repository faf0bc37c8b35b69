// Compaction: a long chat's older turns summarised by the local model, so a paid model gets summary + recent turns.

import type { PoolsConfig } from '../pools/poolsConfig';
import type { ChatProvider, ProviderLookup } from '../ports';
import type { ChatMessage, TriageRequest } from '../request';

/** Default history size (`triage.chat.compactAboveTokens`) above which older turns are summarised; 0 turns it off. */
export const DEFAULT_COMPACT_ABOVE_TOKENS = 6000;
/** Turns always sent as they are (the last two exchanges): a follow-up mostly refers to them. */
export const RECENT_TURNS = 4;
/** Longest summary asked of the local model. */
export const SUMMARY_MAX_TOKENS = 400;

export const SUMMARY_SYSTEM_PROMPT = [
  'Summarise this conversation between a developer and a coding assistant for the assistant to continue it.',
  'Keep every decision, requirement, file, function and variable name, error message and open question; keep code the',
  'developer will refer to verbatim in fenced blocks. Drop greetings and repetition. At most 250 words.',
].join(' ');

/** What a compacted request says about itself (shown on request under the answer). */
export interface Compaction {
  readonly summary: string;
  readonly turnsSummarised: number;
  /** Estimated tokens of the history before and after. */
  readonly tokensBefore: number;
  readonly tokensAfter: number;
}

/** A rough token count (4 characters a token): enough to decide when a history is long. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function historyTokens(turns: readonly ChatMessage[]): number {
  return turns.reduce((sum, m) => sum + estimateTokens(m.content), 0);
}

/** The turns to summarise and to keep, or undefined when the history is under the threshold (or too short to split). */
export function compactionPlan(conversation: readonly ChatMessage[], aboveTokens: number): { older: ChatMessage[]; recent: ChatMessage[] } | undefined {
  if (aboveTokens <= 0 || conversation.length <= RECENT_TURNS || historyTokens(conversation) <= aboveTokens) return undefined;
  const cut = conversation.length - RECENT_TURNS;
  return { older: conversation.slice(0, cut), recent: conversation.slice(cut) };
}

/** The history the paid model gets: the summary as one exchange, then the recent turns unchanged. */
export function compactedConversation(summary: string, recent: readonly ChatMessage[]): ChatMessage[] {
  return [
    { role: 'user', content: `Summary of our earlier conversation (written by a local model to save resending it):\n\n${summary}` },
    { role: 'assistant', content: 'Understood; I will continue from that summary.' },
    ...recent,
  ];
}

/** What compaction needs from the router. */
export interface CompactionDeps {
  readonly providers: ProviderLookup;
  readonly pools: PoolsConfig;
  readonly aboveTokens: number;
  readonly signal: AbortSignal;
}

/**
 * The request with older turns summarised by the first local model, or undefined (under the threshold, not a chat,
 * or the local model failed: then the full history goes, as before). The caller never passes a request holding a
 * secret: such a request stays local whole, and no turn of it is summarised into a cloud request.
 */
export async function compactRequest(request: TriageRequest, deps: CompactionDeps): Promise<{ request: TriageRequest; compaction: Compaction } | undefined> {
  if (request.kind !== 'chat') return undefined;
  const plan = compactionPlan(request.conversation ?? [], deps.aboveTokens);
  if (!plan) return undefined;
  const ref = deps.pools.pools.local[0] ?? deps.pools.fallback;
  let provider: ChatProvider | undefined;
  try {
    provider = await deps.providers.get(ref.provider);
  } catch {
    return undefined;
  }
  if (!provider?.isLocal) return undefined;
  const transcript = plan.older.map((m) => `${m.role === 'user' ? 'Developer' : 'Assistant'}: ${m.content}`).join('\n\n');
  let summary = '';
  try {
    const call = { model: ref.model, system: SUMMARY_SYSTEM_PROMPT, messages: [{ role: 'user' as const, content: transcript }], maxOutputTokens: SUMMARY_MAX_TOKENS, temperature: 0, signal: deps.signal };
    for await (const event of provider.streamChat(call)) if (event.type === 'delta') summary += event.text;
  } catch {
    return undefined;
  }
  summary = summary.trim();
  const conversation = compactedConversation(summary, plan.recent);
  const tokensBefore = historyTokens(request.conversation ?? []);
  const tokensAfter = historyTokens(conversation);
  if (summary === '' || tokensAfter >= tokensBefore) return undefined;
  return { request: { ...request, conversation }, compaction: { summary, turnsSummarised: plan.older.length, tokensBefore, tokensAfter } };
}
