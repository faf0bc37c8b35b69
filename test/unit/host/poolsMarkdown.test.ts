import * as assert from 'node:assert/strict';
import { validatePoolsSettings } from '../../../src/core/pools/validatePools';
import { poolsMarkdown } from '../../../src/host/poolsMarkdown';

const providers = { known: ['ollama', 'openai', 'anthropic', 'deepseek'], local: ['ollama'] };

describe('host: pools view text', () => {
  it('lists each pool in order, the fallback and the settings problems', () => {
    const { value, problems } = validatePoolsSettings({ pools: { coding: ['openai:gpt-6-sol', 'nowhere:x'] } }, providers);
    const text = poolsMarkdown(value, problems);
    assert.match(text, /\| coding \| `openai:gpt-6-sol` \|/);
    assert.match(text, /\| local \| `ollama:qwen2\.5-coder:7b` → `ollama:qwen2\.5:1\.5b` \|/);
    assert.match(text, /Final local fallback: `ollama:qwen2\.5-coder:7b`/);
    assert.match(text, /## Settings problems\n\n- triage\.pools\.coding/);
  });

  it('says (none) for an empty pool and leaves the problems section out when there are none', () => {
    const { value } = validatePoolsSettings({ pools: { quick: [] } }, providers);
    const text = poolsMarkdown(value, []);
    assert.match(text, /\| quick \| \(none\) \|/);
    assert.doesNotMatch(text, /Settings problems/);
  });
});
