// Requests through VS Code's language model API (kind `lm`) over the real router, adapters and protocol fakes.

import { strict as assert } from 'node:assert';
import { lmRequest } from '../../../src/core/lm/lmRequest';
import type { ChatMessage } from '../../../src/core/request';
import { answer, worldPerTest } from './routingWorld';

describe('integration: lm requests over the real adapters and protocol fakes', function () {
  this.timeout(20_000);
  const start = worldPerTest();
  const messages: ChatMessage[] = [
    { role: 'user', content: 'Follow the project style.' },
    { role: 'assistant', content: 'OK.' },
    { role: 'user', content: 'Write a haiku about caches.' },
  ];

  it('streams the answer of the picked pool, sends the messages unchanged and records kind lm', async () => {
    const w = await start({ classify: 'quick', fakes: { anthropic: { scripts: [answer(['Warm ', 'lines'])] } } });
    const r = await w.route(lmRequest('reasoning', messages));
    assert.equal(r.outcome, 'ok');
    assert.equal(r.servedBy, 'anthropic:claude-opus-5-5');
    assert.deepEqual(w.events.filter((e) => e.type === 'delta').map((e) => (e.type === 'delta' ? e.text : '')), ['Warm ', 'lines']);
    const sent = w.fakes.anthropic.requests[0]?.chat;
    assert.equal(sent?.system, undefined);
    assert.deepEqual(sent?.messages.map((m) => [m.role, m.content]), messages.map((m) => [m.role, m.content]));
    await w.router.whenRecorded();
    const read = await w.ledger.read();
    assert.equal(read.records[0]?.kind, 'lm');
    assert.equal(read.records[0]?.pool, 'reasoning');
  });

  it('Triage Auto routes by the classifier', async () => {
    const w = await start({ classify: 'quick', fakes: { deepseek: { scripts: [answer(['quick one'])] } } });
    const r = await w.route(lmRequest('auto', messages));
    assert.equal(r.servedBy, 'deepseek:deepseek-flash');
    assert.equal(r.classification.source, 'embedded');
  });
});
