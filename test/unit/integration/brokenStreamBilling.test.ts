// A broken stream is billed what the provider bills (real adapters, protocol fakes, file ledger): the input it reported
// at the start, output estimated from the text received, marked `estimated` in the ledger record and the CSV.

import { strict as assert } from 'node:assert';
import { ledgerToCsv } from '../../../src/core/ledger/ledgerCsv';
import { parseLedgerLine, toLedgerLine } from '../../../src/core/ledger/ledgerLines';
import type { TokenUsage } from '../../../src/core/ports';
import { estimateTokens } from '../../../src/core/pricing/estimateTokens';
import { priceCall } from '../../../src/core/pricing/pricing';
import { validatePricingSettings } from '../../../src/core/pricing/validatePricing';
import { parseModelRef } from '../../../src/core/request';
import { answer, worldPerTest } from './routingWorld';

const prices = validatePricingSettings({}).value.prices;
const START = Date.parse('2026-11-22T12:00:00Z'); // the world's clock

function cost(model: string, usage: TokenUsage): number {
  return priceCall(prices, parseModelRef(model)!, false, usage, START).micros;
}

describe('integration: broken streams are billed', function () {
  this.timeout(20_000);
  const start = worldPerTest();

  it('Anthropic drops after 3 chunks: billed the 50k input from message_start and the output received, estimated', async () => {
    const chunks = ['The first part ', 'of a long ', 'answer that ', 'never ends'];
    const w = await start({
      classify: 'reasoning',
      fakes: { anthropic: { scripts: [{ chunks, usage: { inputTokens: 50_000, outputTokens: 900 }, fault: { kind: 'drop-mid-stream', afterChunks: 3 } }] } },
    });
    const r = await w.route({});
    assert.equal(r.outcome, 'failed');
    const received = chunks.slice(0, 3).join('');
    assert.equal(r.text, received);
    const usage = { inputTokens: 50_000, cachedInputTokens: 0, outputTokens: estimateTokens(received) };
    const micros = cost('anthropic:claude-opus-5-5', usage);
    assert.ok(micros >= 200_000, 'at least the 50k input tokens at $4/M');
    const attempt = r.attempts[0];
    assert.equal(attempt?.outcome, 'unavailable');
    assert.deepEqual(attempt?.usage, usage);
    assert.equal(attempt?.costMicros, micros);
    assert.equal(attempt?.estimated, true);
    assert.equal(r.costMicros, micros);
    const [record] = (await w.ledger.read()).records;
    assert.equal(record?.costMicros, micros);
    assert.equal(record?.estimated, true);
    assert.deepEqual(record?.usage, usage);
    assert.equal((await w.ledger.spent(w.clock.now())).dayMicros, micros, 'budgets see it');
    const csv = ledgerToCsv([record!]).split('\r\n');
    const column = csv[0]!.split(',').indexOf('usage_estimated');
    assert.equal(csv[1]!.split(',')[column], 'true');
  });

  it('OpenAI sends its usage chunk, then drops before [DONE]: billed exactly that usage, not marked estimated', async () => {
    const w = await start({
      fakes: { deepseek: { scripts: [{ chunks: ['all ', 'of it'], usage: { inputTokens: 3000, outputTokens: 40 }, fault: { kind: 'drop-after-usage' } }] } },
    });
    const r = await w.route({});
    assert.equal(r.outcome, 'failed');
    const usage = { inputTokens: 3000, cachedInputTokens: 0, outputTokens: 40 };
    assert.deepEqual(r.attempts[0]?.usage, usage);
    assert.equal(r.attempts[0]?.costMicros, cost('deepseek:deepseek-flash', usage));
    assert.ok((r.attempts[0]?.costMicros ?? 0) > 0);
    assert.equal(r.attempts[0]?.estimated, undefined);
    assert.equal((await w.ledger.read()).records[0]?.estimated, undefined);
  });

  it('OpenAI drops with no usage sent: input estimated from the prompt, output from the text, estimated', async () => {
    const w = await start({
      fakes: { deepseek: { scripts: [{ chunks: ['some ', 'text ', 'more'], usage: { inputTokens: 3000, outputTokens: 40 }, fault: { kind: 'drop-mid-stream', afterChunks: 2 } }] } },
    });
    const r = await w.route({});
    const attempt = r.attempts[0];
    assert.equal(attempt?.estimated, true);
    assert.ok((attempt?.usage?.inputTokens ?? 0) > 0, 'the prompt was read by the model');
    assert.equal(attempt?.usage?.outputTokens, estimateTokens('some text '));
    assert.equal(attempt?.costMicros, cost('deepseek:deepseek-flash', attempt!.usage!));
    assert.ok((attempt?.costMicros ?? 0) > 0);
  });

  it('an edit whose stream broke (held back, so the cascade moves on) still bills the broken attempt', async () => {
    const w = await start({
      classify: 'coding',
      fakes: {
        anthropic: { scripts: [{ chunks: ['```ts\n', 'const b'], usage: { inputTokens: 20_000, outputTokens: 50 }, fault: { kind: 'drop-mid-stream', afterChunks: 1 } }] },
        openai: { respond: () => answer(['```ts\nconst b = 1;\n```']) },
      },
    });
    const r = await w.route({ kind: 'edit', instruction: 'rename', selection: 'const a = 1;', languageId: 'typescript' });
    assert.equal(r.outcome, 'ok');
    assert.equal(r.servedBy, 'openai:gpt-6-sol');
    const broken = r.attempts[0];
    assert.equal(broken?.estimated, true);
    assert.equal(broken?.usage?.inputTokens, 20_000);
    assert.ok((broken?.costMicros ?? 0) > 0);
    assert.equal(r.costMicros, (broken?.costMicros ?? 0) + (r.attempts[1]?.costMicros ?? 0));
    assert.equal((await w.ledger.read()).records[0]?.estimated, true);
  });

  it('a call that failed before any usage or text is billed nothing', async () => {
    const w = await start({ fakes: { deepseek: { scripts: [{ chunks: [], fault: { kind: 'server-error' } }] }, openai: { respond: () => answer(['luna']) } } });
    const r = await w.route({});
    assert.equal(r.attempts[0]?.costMicros, 0);
    assert.equal(r.attempts[0]?.usage, undefined);
    assert.equal(r.attempts[0]?.estimated, undefined);
  });

  it('the ledger reader accepts `estimated: true` and rejects any other value', async () => {
    const w = await start({ fakes: { deepseek: { scripts: [answer(['ok'])] } } });
    await w.route({});
    const [record] = (await w.ledger.read()).records;
    const line = toLedgerLine({ ...record!, estimated: true }).trim();
    assert.equal(parseLedgerLine(line)?.estimated, true);
    assert.equal(parseLedgerLine(line.replace('"estimated":true', '"estimated":"yes"')), undefined);
    const attemptLine = JSON.stringify({ ...record!, attempts: [{ ...record!.attempts[0], estimated: 1 }] });
    assert.equal(parseLedgerLine(attemptLine), undefined);
  });
});
