// Conversation replay (issue 15): written multi-turn chats (bench/data/conversations.json) sent turn by turn as the chat
// builds them, priced per row: always-premium, the paid model as is, + exact cache, + selection once, + compaction.
//   npx tsx bench/conversationReplay.ts
// Tokens are estimated (4 characters a token) from the prompts the extension builds (buildPrompt, the real
// compaction plan and selection-once rule); each answer counts `answerTokens`; a compaction summary counts
// SUMMARY_MAX_TOKENS (the most the local model is asked for, so compaction's saving is a lower bound).

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheKeyFor } from '../src/core/cache/cacheKey';
import { compactedConversation, compactionPlan, DEFAULT_COMPACT_ABOVE_TOKENS, estimateTokens, SUMMARY_MAX_TOKENS } from '../src/core/conversation/compaction';
import { validatePoolsSettings } from '../src/core/pools/validatePools';
import { DEFAULT_PRICES } from '../src/core/pricing/defaultPrices';
import { priceCall } from '../src/core/pricing/pricing';
import { buildPrompt } from '../src/core/prompts/buildPrompt';
import { chatUserMessage } from '../src/core/prompts/chatPrompt';
import type { ChatMessage, ModelRef, TriageRequest } from '../src/core/request';

interface Turn {
  readonly q: string;
  readonly sel?: string;
}
interface ReplayData {
  readonly answerTokens: number;
  readonly code: Readonly<Record<string, string>>;
  readonly conversations: readonly { readonly id: string; readonly turns: readonly Turn[] }[];
}

export interface ReplayOptions {
  readonly model: ModelRef;
  readonly exactCache: boolean;
  readonly selectionOnce: boolean;
  /** History tokens above which older turns are summarised; 0 = off. */
  readonly compaction: number;
}

export interface ReplayRow {
  readonly name: string;
  readonly costMicros: number;
  readonly inputTokens: number;
  readonly requests: number;
  readonly cacheHits: number;
  readonly compacted: number;
}

const AT = Date.UTC(2026, 11, 1, 12);
const SONNET: ModelRef = { provider: 'anthropic', model: 'claude-sonnet-5-5' };
const OPUS: ModelRef = { provider: 'anthropic', model: 'claude-opus-5-5' };
const POOLS = validatePoolsSettings({}, { known: ['ollama', 'openai', 'anthropic', 'deepseek'], local: ['ollama'] }).value;

/** Replays every conversation under `options`; the exact cache is shared across conversations, as in the extension. */
export function replayConversations(data: ReplayData, name: string, options: ReplayOptions): ReplayRow {
  const cache = new Set<string>();
  let costMicros = 0;
  let inputTokens = 0;
  let requests = 0;
  let cacheHits = 0;
  let compacted = 0;
  const answer = 'a'.repeat(data.answerTokens * 4);
  for (const conversation of data.conversations) {
    const history: ChatMessage[] = [];
    for (const turn of conversation.turns) {
      const code = turn.sel ? data.code[turn.sel] : undefined;
      const request: TriageRequest = { kind: 'chat', instruction: turn.q, conversation: [...history], ...(code ? { selection: code, languageId: 'typescript' } : {}) };
      // Without selection-once, each message carries its code whatever the earlier turns held.
      const message = options.selectionOnce ? chatUserMessage(request) : chatUserMessage({ ...request, conversation: [] });
      requests++;
      const key = cacheKeyFor(request, 'coding', POOLS);
      if (options.exactCache && cache.has(key)) {
        cacheHits++;
      } else {
        const plan = options.compaction > 0 ? compactionPlan(history, options.compaction) : undefined;
        if (plan) compacted++;
        const sentHistory = plan ? compactedConversation('s'.repeat(SUMMARY_MAX_TOKENS * 4), plan.recent) : history;
        const prompt = buildPrompt({ ...request, conversation: sentHistory });
        const messages = [...prompt.messages.slice(0, -1), { role: 'user' as const, content: message }];
        const tokens = estimateTokens(prompt.system) + messages.reduce((s, m) => s + estimateTokens(m.content), 0);
        inputTokens += tokens;
        costMicros += priceCall(DEFAULT_PRICES, options.model, false, { inputTokens: tokens, cachedInputTokens: 0, outputTokens: data.answerTokens }, AT).micros;
        cache.add(key);
      }
      history.push({ role: 'user', content: message }, { role: 'assistant', content: answer });
    }
  }
  return { name, costMicros, inputTokens, requests, cacheHits, compacted };
}

export function conversationReplayRows(data: ReplayData): ReplayRow[] {
  const off = { exactCache: false, selectionOnce: false, compaction: 0 };
  return [
    replayConversations(data, 'always-premium (Opus, nothing saved)', { model: OPUS, ...off }),
    replayConversations(data, 'Sonnet, no cache', { model: SONNET, ...off }),
    replayConversations(data, '+ exact cache', { model: SONNET, ...off, exactCache: true }),
    replayConversations(data, '+ selection sent once', { model: SONNET, ...off, exactCache: true, selectionOnce: true }),
    replayConversations(data, `+ compaction (default, > ${DEFAULT_COMPACT_ABOVE_TOKENS} tokens)`, { model: SONNET, exactCache: true, selectionOnce: true, compaction: DEFAULT_COMPACT_ABOVE_TOKENS }),
    replayConversations(data, '+ compaction (> 2000 tokens)', { model: SONNET, exactCache: true, selectionOnce: true, compaction: 2000 }),
  ];
}

export function readReplayData(file = path.join(__dirname, 'data', 'conversations.json')): ReplayData {
  return JSON.parse(readFileSync(file, 'utf8')) as ReplayData;
}

/** The rows as text lines: cost, share of always-premium, input tokens sent, cache hits, compacted turns. */
export function conversationLines(rows: readonly ReplayRow[]): string[] {
  const premium = rows[0]?.costMicros || 1;
  return [
    `${'row'.padEnd(44)} ${'cost'.padStart(8)}  vs premium  input tokens  cache hits  compacted turns  (${rows[0]?.requests ?? 0} turns)`,
    ...rows.map(
      (r) =>
        `${r.name.padEnd(44)} $${(r.costMicros / 1e6).toFixed(4).padStart(7)}  ${((r.costMicros / premium) * 100).toFixed(1).padStart(9)}%  ${String(r.inputTokens).padStart(12)}  ${String(r.cacheHits).padStart(10)}  ${String(r.compacted).padStart(15)}`,
    ),
    'exact + meaning: not measured (no embedding model here; see bench/meaningThreshold.ts)',
  ];
}

if (require.main === module) console.log(conversationLines(conversationReplayRows(readReplayData())).join('\n'));
