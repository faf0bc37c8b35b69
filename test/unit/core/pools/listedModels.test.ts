// Pool entries checked against the models each real adapter lists from its fake; never blocking, bounded in time.

import * as assert from 'node:assert/strict';
import { checkListedModels, providersInPools, type ScheduleTimeout } from '../../../../src/core/pools/listedModels';
import { validatePoolsSettings } from '../../../../src/core/pools/validatePools';
import type { ChatProvider, ProviderLookup } from '../../../../src/core/ports';
import { ProviderError } from '../../../../src/core/providerError';
import type { FakeServer } from '../../../fakes/httpFake';
import { startAnthropicFake } from '../../../fakes/anthropicFake';
import { startOllamaFake } from '../../../fakes/ollamaFake';
import { startOpenAiFake } from '../../../fakes/openaiFake';
import { providerFor } from '../../providers/harness';

const ids = { known: ['test-ollama', 'test-openai', 'test-anthropic', 'silent'], local: ['test-ollama'] };

/** A timer the test fires by hand. */
function manualTimers(): { schedule: ScheduleTimeout; fire: () => void; pending: () => number } {
  const waiting = new Set<() => void>();
  return {
    schedule: (_ms, onTimeout) => {
      waiting.add(onTimeout);
      return () => waiting.delete(onTimeout);
    },
    fire: () => {
      for (const f of [...waiting]) {
        waiting.delete(f);
        f();
      }
    },
    pending: () => waiting.size,
  };
}

describe('core: pool entries checked against the providers\' model lists', () => {
  const fakes: FakeServer[] = [];
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((f) => f.close()));
  });

  it('names entries a provider does not list, over the real adapters; Ollama names without a tag mean :latest', async () => {
    const ollama = await startOllamaFake({ models: ['qwen2.5:latest', 'qwen2.5-coder:7b'] });
    const openai = await startOpenAiFake({ models: ['gpt-6-luna', 'gpt-6-sol'] });
    const anthropic = await startAnthropicFake({ models: ['claude-haiku-5-5'] });
    fakes.push(ollama, openai, anthropic);
    const providers: Record<string, ChatProvider> = {
      'test-ollama': providerFor('ollama', ollama),
      'test-openai': providerFor('openai', openai),
      'test-anthropic': providerFor('anthropic', anthropic),
    };
    const lookup: ProviderLookup = { get: async (id) => providers[id] };
    const { value: pools } = validatePoolsSettings(
      {
        pools: {
          local: ['test-ollama:qwen2.5', 'test-ollama:qwen2.5-coder:7b'],
          quick: ['test-openai:gpt-6-luna', 'test-anthropic:claude-haiku-5-5'],
          coding: ['test-openai:gpt-6-sool'],
          reasoning: ['test-anthropic:claude-opus-9'],
        },
        fallbackModel: 'test-ollama:llama-missing',
      },
      ids,
    );
    const timers = manualTimers();
    const report = await checkListedModels(pools, lookup, { providerIds: providersInPools(pools), timeoutMs: 5000, scheduleTimeout: timers.schedule });
    assert.deepEqual(report.unchecked, []);
    assert.equal(report.problems.length, 3, report.problems.join('\n'));
    assert.match(report.problems.join('\n'), /triage\.pools\.coding: 'test-openai:gpt-6-sool' is not a model listed by its provider for test-openai — did you mean 'gpt-6-sol'\?/);
    assert.match(report.problems.join('\n'), /triage\.pools\.reasoning: 'test-anthropic:claude-opus-9'/);
    assert.match(report.problems.join('\n'), /triage\.fallbackModel: 'test-ollama:llama-missing'/);
    assert.equal(timers.pending(), 0, 'every timer is cancelled once its list arrived');
  });

  it('leaves a provider whose key is refused unchecked and says why, with no problem reported for it', async () => {
    const refused: ChatProvider = {
      id: 'test-openai',
      isLocal: false,
      streamChat: () => { throw new Error('not used'); },
      listModels: async () => { throw new ProviderError('auth', '401 from the provider'); },
    };
    const { value: pools } = validatePoolsSettings({ pools: { quick: ['test-openai:anything'] } }, ids);
    const report = await checkListedModels(pools, { get: async () => refused }, {
      providerIds: ['test-openai'],
      timeoutMs: 5000,
      scheduleTimeout: manualTimers().schedule,
    });
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.unchecked.map((u) => u.providerId), ['test-openai']);
    assert.match(report.unchecked[0]!.reason, /API key/);
  });

  it('gives up on a provider that does not list in time (aborting its call) and still reports the others', async () => {
    let aborted = false;
    const silent: ChatProvider = {
      id: 'silent',
      isLocal: false,
      streamChat: () => { throw new Error('not used'); },
      listModels: (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => { aborted = true; reject(new Error('aborted')); })),
    };
    const listing: ChatProvider = { id: 'test-openai', isLocal: false, streamChat: silent.streamChat, listModels: async () => ['gpt-6-luna'] };
    const { value: pools } = validatePoolsSettings({ pools: { quick: ['silent:x', 'test-openai:gpt-6-lunar'] } }, ids);
    const timers = manualTimers();
    const pending = checkListedModels(pools, { get: async (id) => (id === 'silent' ? silent : listing) }, {
      providerIds: ['silent', 'test-openai'],
      timeoutMs: 5000,
      scheduleTimeout: timers.schedule,
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(timers.pending(), 1, 'only the silent provider is still waiting');
    timers.fire();
    const report = await pending;
    assert.ok(aborted, 'the hanging list call was aborted');
    assert.deepEqual(report.unchecked.map((u) => u.providerId), ['silent']);
    assert.match(report.unchecked[0]!.reason, /^timeout/);
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0]!, /'test-openai:gpt-6-lunar'/);
  });

  it('leaves providers that cannot list (or are not configured) unchecked', async () => {
    const noList: ChatProvider = { id: 'silent', isLocal: false, streamChat: () => { throw new Error('not used'); } };
    const { value: pools } = validatePoolsSettings({ pools: { quick: ['silent:x'] } }, ids);
    const report = await checkListedModels(pools, { get: async (id) => (id === 'silent' ? noList : undefined) }, {
      providerIds: ['silent', 'test-openai'],
      timeoutMs: 5000,
      scheduleTimeout: manualTimers().schedule,
    });
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.unchecked.map((u) => u.providerId), ['silent', 'test-openai']);
  });
});
