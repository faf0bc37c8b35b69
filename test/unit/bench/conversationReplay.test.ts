// The conversation replay: each saving row costs no more than the one before, for the reason it names.
import { strict as assert } from 'node:assert';
import { conversationReplayRows, readReplayData } from '../../../bench/conversationReplay';

describe('bench/conversationReplay', () => {
  it('prices the written chats: Sonnet below Opus, and each lever sends no more than the row before', () => {
    const [premium, sonnet, exact, once, compactDefault, compact2k] = conversationReplayRows(readReplayData());
    assert.ok(sonnet!.costMicros < premium!.costMicros);
    assert.equal(sonnet!.inputTokens, premium!.inputTokens, 'same prompts, other prices');
    assert.equal(exact!.cacheHits, 1, 'the one byte-identical repeat (ts-review-again opens like ts-reducer)');
    assert.ok(once!.inputTokens < exact!.inputTokens, 'resent selections dropped');
    assert.ok(compactDefault!.inputTokens <= once!.inputTokens);
    assert.ok(compact2k!.compacted > 0 && compact2k!.inputTokens < once!.inputTokens);
  });
});
