// Privacy mode `redact` over the real adapters and protocol fakes: placeholders go out, secrets come back only on this machine.

import { strict as assert } from 'node:assert';
import { detectSensitive } from '../../../src/core/classifier/privacy';
import type { RecordedRequest } from '../../fakes/script';
import { answer, worldPerTest } from './routingWorld';
import type { World, WorldProvider } from './routingWorld';

const TOKEN = 'ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5';
const PASSWORD = 'Zq8!xw2Lp0vR';

/** Everything each fake received, as one string per request. */
function sent(w: World, provider: WorldProvider): string[] {
  return w.fakes[provider].requests.filter((r) => r.chat).map((r) => JSON.stringify(r.body));
}

/** The placeholder the model was given (the fake answers with it, as a model that keeps it would). */
function placeholderIn(request: RecordedRequest): string {
  const found = /REDACTED_SECRET_\d+/.exec(JSON.stringify(request.body));
  assert.ok(found, 'a placeholder reached the provider');
  return found[0];
}

describe('integration: privacy mode redact over the real adapters', function () {
  this.timeout(20_000);
  const start = worldPerTest({ sensitive: detectSensitive, privacyMode: 'redact' });

  it('sends a chat to the chosen cloud pool with a placeholder, and shows the answer and the stream with the secret back', async () => {
    const w = await start({
      fakes: {
        anthropic: {
          respond: (r) => {
            const p = placeholderIn(r);
            // The placeholder is split across chunks, as a tokenizer would split it.
            return answer(['Use `', `${p.slice(0, 7)}`, `${p.slice(7)}\` as the `, 'token header.']);
          },
        },
      },
    });
    const r = await w.route({ kind: 'chat', instruction: 'why is this rejected?', selection: `const token = "${TOKEN}";`, explicitPool: 'coding' });
    assert.equal(r.outcome, 'ok');
    assert.equal(r.servedBy, 'anthropic:claude-sonnet-5-5');
    assert.equal(r.text, `Use \`${TOKEN}\` as the token header.`);
    const streamed = w.events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
    assert.equal(streamed, r.text, 'the stream shows the secret restored too');
    assert.ok(w.events.every((e) => e.type !== 'delta' || !e.text.includes('REDACTED')));
    const bodies = sent(w, 'anthropic');
    assert.equal(bodies.length, 1);
    assert.equal(bodies[0]?.includes(TOKEN), false, 'the secret never reaches the provider');
    assert.equal(bodies[0]?.includes('ghp_'), false);
    assert.equal(w.chats('ollama'), 0);
    assert.ok(r.notices.some((n) => n.kind === 'privacy' && /REDACTED_SECRET_1/.test(n.message) && /put back/.test(n.message)));
    const ledger = (await w.ledger.read()).records.map((x) => JSON.stringify(x)).join('\n');
    assert.equal(ledger.includes(TOKEN) || ledger.includes('ghp_'), false, 'nor the ledger');
  });

  it('restores the secret in the edit an OpenAI model returns, and the syntax check still runs on the sent code', async () => {
    const w = await start({
      classify: 'coding',
      fakes: {
        anthropic: { respond: () => ({ chunks: [], fault: { kind: 'server-error' } }) },
        openai: { respond: (r) => answer(['```ts\n', `const apiToken = "${placeholderIn(r)}";\n`, '```']) },
      },
    });
    const r = await w.route({ kind: 'edit', instruction: 'rename token to apiToken', selection: `const token = "${TOKEN}";`, languageId: 'typescript' });
    assert.equal(r.outcome, 'ok');
    assert.equal(r.servedBy, 'openai:gpt-6-sol');
    assert.equal(r.answer?.kind === 'edit' && r.answer.replacement, `const apiToken = "${TOKEN}";`);
    for (const body of [...sent(w, 'anthropic'), ...sent(w, 'openai')]) assert.equal(body.includes(TOKEN), false);
  });

  it('lets the edit gate check the proposal with the secret put back, as it would be applied', async () => {
    const w = await start({
      classify: 'coding',
      fakes: { anthropic: { respond: (r) => answer(['```ts\n', `const apiToken = "${placeholderIn(r)}";\n`, '```']) } },
    });
    const checked: string[] = [];
    const editChecker = { check: async (replacement: string) => (checked.push(replacement), { kind: 'reported' as const, before: [], after: [], ms: 1 }) };
    const r = await w.route({ kind: 'edit', instruction: 'rename token to apiToken', selection: `const token = "${TOKEN}";`, languageId: 'typescript' }, undefined, { editChecker });
    assert.equal(r.editCheck?.status, 'clean');
    assert.deepEqual(checked, [`const apiToken = "${TOKEN}";`], "the secret, not its placeholder");
  });

  it('lets a conversation whose earlier message held a password use the cloud again, with one stable placeholder', async () => {
    const w = await start({ fakes: { anthropic: { respond: (r) => answer([`It is ${placeholderIn(r)}.`]) } } });
    const conversation = [
      { role: 'user' as const, content: `the db password is ${PASSWORD}, why does psql refuse it?` },
      { role: 'assistant' as const, content: `Check that ${PASSWORD} is quoted in the shell.` },
    ];
    const r = await w.route({ kind: 'chat', instruction: 'which one was it again?', conversation, explicitPool: 'reasoning' });
    assert.equal(r.servedBy, 'anthropic:claude-opus-5-5');
    assert.equal(r.text, `It is ${PASSWORD}.`);
    const [body] = sent(w, 'anthropic');
    assert.equal(body?.includes(PASSWORD), false, 'not in the user turn, nor in the earlier answer that repeated it');
    assert.equal(body?.match(/REDACTED_SECRET_1/g)?.length, 2);
    assert.ok(r.notices.some((n) => /earlier message/.test(n.message)));
  });

  it('keeps the request local when the setting is local (the default)', async () => {
    const w = await start({ privacyMode: 'local', fakes: { ollama: { respond: () => answer(['local answer']) } } });
    const r = await w.route({ kind: 'chat', instruction: 'why is this rejected?', selection: `const token = "${TOKEN}";`, explicitPool: 'coding' });
    assert.equal(r.servedBy, 'ollama:qwen2.5-coder:7b');
    assert.equal(w.chats('anthropic') + w.chats('openai') + w.chats('deepseek'), 0);
  });
});
