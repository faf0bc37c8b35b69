// A `vscode-lm` pool member in a real VS Code: a model another extension offers (the test-only vendor `triage-e2e`,
// loaded beside Triage by the harness) answers inside a Triage pool, and its failures move the cascade on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TriageTestApi } from '../../../src/host/testApi';
import type { E2eFamily, E2eLmApi } from '../lmTestExtension/extension';
import { TEST_POOLS, useFakeProviders, type FakeProviders } from './fakeProviders';
import { ask, ledgerLines, nextFinished, triageApi, triageModel } from './lmHelpers';

const member = (family: E2eFamily) => `vscode-lm:triage-e2e/${family}`;
/** The quick pool with the test vendor's model first and the OpenAI fake's after it. */
const poolsWith = (family: E2eFamily) => ({ ...TEST_POOLS, quick: [member(family), 'openai:gpt-6-luna'] });
const askedOf = (vendor: E2eLmApi, family: E2eFamily) => vendor.requests.filter((r) => r.family === family);

describe('a vscode-lm pool member', () => {
  let api: TriageTestApi;
  let vendor: E2eLmApi;
  let fakes: FakeProviders | undefined;
  before(async () => {
    api = await triageApi();
    const extension = vscode.extensions.getExtension<E2eLmApi>('triage-dev.triage-e2e-lm');
    assert.ok(extension, 'the harness loads the test vendor extension beside Triage');
    vendor = await extension.activate();
  });
  afterEach(async () => {
    await fakes?.restore();
    fakes = undefined;
  });

  /** Asks Triage · quick and returns the answer's text and the request's ledger line. */
  async function askQuick(question: string) {
    const before = ledgerLines(api).length;
    const finished = nextFinished(api);
    const answer = await ask(await triageModel('quick'), [vscode.LanguageModelChatMessage.User(question)]);
    await finished;
    const lines = ledgerLines(api).slice(before);
    assert.equal(lines.length, 1);
    return { text: answer.text, line: lines[0]! };
  }

  it('answers through vscode.lm when a pool names it, and is never one of Triage\'s own models', async () => {
    fakes = await useFakeProviders({ openai: { respond: () => ({ chunks: ['from openai'] }) } }, { pools: poolsWith('e2e-echo') });
    vendor.behave('e2e-echo', { kind: 'answer', chunks: ['echo: ', 'a Map counts words.'] });
    const { text, line } = await askQuick('How do I count words in TypeScript?');
    assert.equal(text, 'echo: a Map counts words.');
    assert.equal(line.servedBy, member('e2e-echo'));
    assert.equal(line.kind, 'lm');
    assert.equal(fakes.openai.requests.filter((r) => r.chat).length, 0, 'the next model was not needed');
    const seen = askedOf(vendor, 'e2e-echo');
    assert.equal(seen.length, 1);
    assert.match(seen[0]!.messages.at(-1)!, /How do I count words in TypeScript\?/);
  });

  it('a member that refuses Triage (NoPermissions) moves the cascade on, and is not asked again', async () => {
    fakes = await useFakeProviders({ openai: { respond: () => ({ chunks: ['from openai'] }) } }, { pools: poolsWith('e2e-refusing') });
    vendor.behave('e2e-refusing', { kind: 'fail', error: 'NoPermissions' });
    const first = await askQuick('How do I sort numbers?');
    assert.equal(first.text, 'from openai');
    assert.deepEqual(first.line.attempts.map((a) => [a.model, a.outcome]), [[member('e2e-refusing'), 'auth'], ['openai:gpt-6-luna', 'ok']]);
    const second = await askQuick('How do I sort strings?');
    assert.equal(second.text, 'from openai');
    assert.equal(second.line.attempts[0]!.outcome, 'skipped-auth');
    assert.equal(askedOf(vendor, 'e2e-refusing').length, 1, 'asked once, then skipped');
  });

  // Blocked is a rate limit of that model; a plain failure marks the vendor unreachable for a while: the last test.
  for (const [family, error] of [['e2e-blocked', 'Blocked'], ['e2e-plain', 'plain']] as const) {
    it(`moves the cascade on to the next model when it fails (${error === 'plain' ? 'a plain error' : `LanguageModelError.${error}`})`, async () => {
      fakes = await useFakeProviders({ openai: { respond: () => ({ chunks: ['from openai'], usage: { inputTokens: 20, outputTokens: 2 } }) } }, { pools: poolsWith(family) });
      vendor.behave(family, { kind: 'fail', error });
      const { text, line } = await askQuick('How do I reverse a string?');
      assert.equal(text, 'from openai');
      assert.equal(askedOf(vendor, family).length, 1, 'the member was asked once');
      assert.deepEqual(line.attempts.map((a) => [a.model, a.outcome]), [[member(family), error === 'Blocked' ? 'rate-limit' : 'unavailable'], ['openai:gpt-6-luna', 'ok']]);
      assert.equal(line.servedBy, 'openai:gpt-6-luna');
    });
  }
});
