// Ollama's context over the real router and the real adapters against the protocol fakes: the num_ctx that goes on
// the wire for the shipped local models and a per-model setting, and what happens when Ollama cuts a prompt anyway.

import { strict as assert } from 'node:assert';
import { path } from '../core/routingFakes';
import { answer, worldPerTest, type World } from './routingWorld';

/** `n` short words: the estimate counts each as one token. */
const words = (n: number): string => 'alpha '.repeat(n).trimEnd();

/** A tokenizer denser than the estimate (as for CJK text or base64): one token per character. */
const perChar = (text: string) => text.length;

const numCtxSent = (w: World) => w.fakes.ollama.requests.filter((r) => r.chat).map((r) => r.chat?.contextTokens);
const cloudChats = (w: World) => w.chats('deepseek') + w.chats('openai') + w.chats('anthropic');
const CODE = answer(['```ts\nconst a = 1;\n```']);
const secret = () => [{ rule: 'api-key', kind: 'credential' as const }];

describe('integration: Ollama num_ctx and cut prompts', function () {
  this.timeout(20_000);
  const start = worldPerTest({ classify: 'local' });

  it('sends the shipped local model a num_ctx sized to the prompt: 8192 for a short one, 16384 for ~8k tokens', async () => {
    const w = await start({ fakes: { ollama: { respond: () => answer(['ok']) } } });
    assert.equal((await w.route({})).servedBy, 'ollama:qwen2.5-coder:7b');
    assert.equal((await w.route({ instruction: words(8000) })).servedBy, 'ollama:qwen2.5-coder:7b');
    assert.deepEqual(numCtxSent(w), [8192, 16_384]);
  });

  it('caps num_ctx by a contextWindow set in triage.models, which overrides the shipped one', async () => {
    const w = await start({ models: { 'ollama:qwen2.5-coder:7b': { contextWindow: 12_288 } }, fakes: { ollama: { respond: () => answer(['ok']) } } });
    assert.equal((await w.route({ instruction: words(6000) })).servedBy, 'ollama:qwen2.5-coder:7b');
    await w.route({});
    // The shipped 32,768 would have allowed 16384 for the first; a short prompt still gets only 8192, not the window.
    assert.deepEqual(numCtxSent(w), [12_288, 8192]);
  });

  it('does not send a prompt estimated past the local windows to Ollama at all; a request free to leave goes on', async () => {
    const w = await start({ fakes: { ollama: { respond: () => answer(['never']) }, deepseek: { respond: () => answer(['flash']) } } });
    const r = await w.route({ instruction: words(40_000) });
    assert.deepEqual(path(r.attempts), ['ollama:qwen2.5-coder:7b=skipped-context', 'deepseek:deepseek-flash=ok']);
    assert.equal(r.text, 'flash');
    assert.equal(w.chats('ollama'), 0);
  });

  it('moves on to a model with a larger window when Ollama cut the prompt at the whole window (an edit, not yet shown)', async () => {
    const w = await start({ fakes: { ollama: { respond: () => CODE, tokenize: perChar }, deepseek: { respond: () => CODE } } });
    const selection = `let a = 1; // ${words(20_000)}`;
    const r = await w.route({ kind: 'edit', instruction: 'use const', selection, languageId: 'typescript' });
    assert.deepEqual(path(r.attempts), ['ollama:qwen2.5-coder:7b=context-too-long', 'deepseek:deepseek-flash=ok']);
    assert.deepEqual(numCtxSent(w), [32_768]);
    assert.equal(r.outcome, 'ok');
  });

  it('asks the same model again with a larger context when it cut the prompt below its window', async () => {
    const w = await start({ fakes: { ollama: { respond: () => CODE, tokenize: perChar }, deepseek: { respond: () => CODE } } });
    const r = await w.route({ kind: 'edit', instruction: 'use const', selection: `let a = 1; // ${words(2000)}`, languageId: 'typescript' });
    // ~12k characters estimated at ~2k tokens: sized 8192, cut; the prompt is then known to be longer, so 16384 next.
    assert.deepEqual(path(r.attempts), ['ollama:qwen2.5-coder:7b=context-too-long', 'ollama:qwen2.5-coder:7b=ok']);
    assert.deepEqual(numCtxSent(w), [8192, 16_384]);
    assert.equal(cloudChats(w), 0);
  });

  it('asks again with a context for the count an Ollama that refuses (HTTP 400) gave, before any text is shown', async () => {
    const w = await start({ fakes: { ollama: { respond: () => answer(['fits now']), tokenize: perChar, truncation: 'refuse' } } });
    const r = await w.route({ instruction: words(3000) });
    assert.deepEqual(path(r.attempts), ['ollama:qwen2.5-coder:7b=context-too-long', 'ollama:qwen2.5-coder:7b=ok']);
    assert.equal(r.text, 'fits now');
    // ~18k tokens counted by Ollama (18k characters): room for them and the 4,096 of the answer is 32768, not just the next size up.
    assert.deepEqual(numCtxSent(w), [8192, 32_768]);
    assert.equal(cloudChats(w), 0);
  });

  it('keeps a streamed chat whose prompt turned out cut, marks it, and tries no other model', async () => {
    const w = await start({ fakes: { ollama: { respond: () => answer(['Partly ', 'right']), tokenize: perChar }, deepseek: { respond: () => answer(['flash']) } } });
    const r = await w.route({ instruction: words(20_000) });
    assert.equal(r.outcome, 'failed');
    assert.equal(r.text, 'Partly right');
    assert.match(r.failure ?? '', /^The prompt was longer than ollama:qwen2\.5-coder:7b's context window: the model read only part of it, so the answer above may miss what was cut\. Ask a stronger model/);
    assert.equal(cloudChats(w), 0);
  });

  it('marks a streamed chat cut below the window, and the same question asked again gets a context that holds it', async () => {
    const w = await start({ fakes: { ollama: { respond: () => answer(['An ', 'answer']), tokenize: perChar } } });
    const first = await w.route({ instruction: words(2000) });
    assert.equal(first.outcome, 'failed');
    assert.equal(first.text, 'An answer');
    assert.match(first.failure ?? '', /^ollama:qwen2\.5-coder:7b read only part of the prompt \(it was longer than the 8,192 tokens of context it was given\).* Ask again: ollama:qwen2\.5-coder:7b now gets a larger context for it, up to its window of 32,768\.$/);
    const again = await w.route({ instruction: words(2000) });
    assert.equal(again.outcome, 'ok');
    assert.equal(again.text, 'An answer');
    assert.deepEqual(numCtxSent(w), [8192, 16_384]);
    assert.equal(cloudChats(w), 0);
  });

  it('tells a request that must stay local that it is longer than the local windows, without sending it anywhere', async () => {
    const w = await start({ sensitive: secret, fakes: { ollama: { respond: () => answer(['never']) } } });
    const r = await w.route({ instruction: `why does sk-live-1 fail? ${words(40_000)}`, explicitPool: 'reasoning' });
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(path(r.attempts), ['ollama:qwen2.5-coder:7b=skipped-context', 'ollama:qwen2.5:1.5b=skipped-context']);
    assert.match(r.failure ?? '', /only models on this machine may answer it, and it is too long for them: it needs about 44,1\d\d tokens with room for the answer, and ollama:qwen2\.5-coder:7b holds 32,768, ollama:qwen2\.5:1\.5b holds 32,768\./);
    assert.match(r.failure ?? '', /clear the conversation .*"ollama:qwen2\.5-coder:7b": \{"contextWindow": 65536\}/);
    assert.equal(w.chats('ollama') + cloudChats(w), 0);
  });

  it('says the same when the local model cut a private prompt at its whole window, and never escapes to the cloud', async () => {
    const w = await start({ sensitive: secret, fakes: { ollama: { respond: () => CODE, tokenize: perChar }, deepseek: { respond: () => CODE } } });
    const r = await w.route({ kind: 'edit', instruction: 'use const', selection: `let a = 1; // sk-live-1 ${words(20_000)}`, languageId: 'typescript' });
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(path(r.attempts), ['ollama:qwen2.5-coder:7b=context-too-long', 'ollama:qwen2.5:1.5b=skipped-context']);
    assert.match(r.failure ?? '', /it is too long for them: .* ollama:qwen2\.5-coder:7b holds 32,768, ollama:qwen2\.5:1\.5b holds 32,768\. Shorten it/);
    assert.equal(cloudChats(w), 0);
  });
});
