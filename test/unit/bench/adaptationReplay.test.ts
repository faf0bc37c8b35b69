// The adaptation replay (issue 16 item 2): a simulated user who rejects quick answers to chat questions ends up routed
// higher for chat questions only, within the adaptation's bounds; judged on route-public prompts the user never judged.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { labelAgreementUser, quickRejecter, replayAdaptation, routingFigures, splitForReplay, DEFAULT_REPLAY } from '../../../bench/adaptationReplay';
import { readLabelledFile, recordToRequest } from '../../../src/cli/dataset';
import { adaptationBucket, DEFAULT_ADAPTATION } from '../../../src/core/classifier/adaptation';
import { poolRank } from '../../../src/core/request';

const items = readLabelledFile(path.join(__dirname, '../../../bench/data/route-public.jsonl')).map((r) => ({ id: r.id, request: recordToRequest(r), label: r.label }));
const { learn, evaluate } = splitForReplay(items);

describe('adaptation replay', () => {
  it('routes chat questions higher for a user who rejects their quick answers, and nothing else moves', () => {
    const out = replayAdaptation(learn, evaluate, quickRejecter('chat:none'));
    const chat = evaluate.map((item, i) => ({ item, i })).filter(({ item }) => adaptationBucket(item.request) === 'chat:none');
    const quick = (pools: readonly string[]) => chat.filter(({ i }) => pools[i] === 'quick').length / chat.length;
    assert.ok(out.rejections > 0);
    assert.ok(quick(out.after) < quick(out.before) / 2, `quick share of chat ${quick(out.before)} → ${quick(out.after)}`);
    const rank = (pools: readonly string[]) => chat.reduce((sum, { i }) => sum + poolRank(pools[i] as never), 0) / chat.length;
    assert.ok(rank(out.after) > rank(out.before), `mean pool rank of chat ${rank(out.before)} → ${rank(out.after)}`);
    // Lowering quick hands a few of its questions to local, where this user keeps the answer: at most 5% of chat (12 of 328 on route-public).
    const down = chat.filter(({ i }) => poolRank(out.after[i]!) < poolRank(out.before[i]!)).length;
    assert.ok(down <= 0.05 * chat.length, `${down} of ${chat.length} moved down`);
    const others = evaluate.map((item, i) => ({ item, i })).filter(({ item }) => adaptationBucket(item.request) !== 'chat:none');
    assert.ok(others.length > 100);
    for (const { i } of others) assert.equal(out.after[i], out.before[i], 'other kinds of request route as before');
    assert.ok(out.maxOffset <= DEFAULT_ADAPTATION.maxOffset + 1e-9, 'bounded');
  });

  it('barely moves for a user whose rejections are rare against what they keep (label agreement), and never lowers a decision', () => {
    const out = replayAdaptation(learn, evaluate, labelAgreementUser);
    const before = routingFigures(evaluate, out.before, labelAgreementUser, DEFAULT_REPLAY.startMs);
    const after = routingFigures(evaluate, out.after, labelAgreementUser, DEFAULT_REPLAY.startMs);
    assert.ok(after.belowLabel <= before.belowLabel);
    assert.ok(Math.abs(after.costShare - before.costShare) < 0.01, `${before.costShare} → ${after.costShare}`);
    evaluate.forEach((_, i) => assert.ok(poolRank(out.after[i]!) >= poolRank(out.before[i]!) || out.before[i] === 'reasoning'));
  });
});
