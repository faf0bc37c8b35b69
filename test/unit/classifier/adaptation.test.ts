// User adaptation: overrides move the decision, stay bounded, decay, reset, and survive corrupt state.

import * as assert from 'node:assert/strict';
import { DEFAULT_ADAPTATION, UserAdaptation, type AdaptationState, type AdaptationStore } from '../../../src/core/classifier/adaptation';
import { EmbeddedClassifier } from '../../../src/core/classifier/embeddedClassifier';
import { LinearModel, parseLinearModel } from '../../../src/core/classifier/linearModel';
import { RequestClassifier } from '../../../src/core/classifier/requestClassifier';
import type { Clock } from '../../../src/core/ports';
import type { TriageRequest } from '../../../src/core/request';

function memoryStore(initial?: unknown): AdaptationStore & { saved: AdaptationState[] } {
  const saved: AdaptationState[] = [];
  return {
    saved,
    load: () => initial,
    save: (state) => void saved.push(JSON.parse(JSON.stringify(state)) as AdaptationState),
  };
}

const DAY = 24 * 3600 * 1000;
const clock = (start = 1_700_000_000_000): Clock & { t: number } => {
  const c = { t: start, now: () => c.t };
  return c;
};

// A request near the quick/reasoning boundary, so a user's corrections can move it (a very sure one cannot, by design).
const request: TriageRequest = { kind: 'chat', instruction: 'Explain the trade-offs between TCP and UDP' };

describe('UserAdaptation', () => {
  it('moves the decision toward what the user keeps choosing', () => {
    const adaptation = new UserAdaptation(memoryStore(), clock());
    const rc = new RequestClassifier({ adaptation });
    const before = rc.classifyEmbedded(request);
    assert.equal(before.pool, 'quick');
    for (let i = 0; i < 12; i++) rc.recordFeedback(request, 'quick', 'reasoning');
    const after = rc.classifyEmbedded(request);
    assert.ok(after.probabilities.reasoning > before.probabilities.reasoning);
    assert.equal(after.pool, 'reasoning');
  });

  it('bounds the offsets and the number of stored events', () => {
    const store = memoryStore();
    const adaptation = new UserAdaptation(store, clock(), { ...DEFAULT_ADAPTATION, maxEvents: 50 });
    for (let i = 0; i < 500; i++) adaptation.record(request, 'local', 'reasoning');
    const offsets = adaptation.offsets(request);
    assert.equal(adaptation.size, 50);
    for (const v of offsets) assert.ok(Math.abs(v) <= DEFAULT_ADAPTATION.maxOffset + 1e-12);
    assert.equal(store.saved.at(-1)?.events.length, 50);
  });

  it('stores features only, never the prompt text', () => {
    const store = memoryStore();
    new UserAdaptation(store, clock()).record(request, 'quick', 'coding');
    assert.ok(!JSON.stringify(store.saved).includes('TCP'));
  });

  it('decays old overrides', () => {
    const c = clock();
    const adaptation = new UserAdaptation(memoryStore(), c);
    adaptation.record(request, 'quick', 'coding');
    const fresh = adaptation.offsets(request)[2] as number;
    c.t += 60 * DAY;
    const old = adaptation.offsets(request)[2] as number;
    assert.ok(old > 0 && old < fresh / 3);
  });

  it('ignores feedback that agrees with the classifier', () => {
    const adaptation = new UserAdaptation(memoryStore(), clock());
    adaptation.record(request, 'quick', 'quick');
    assert.equal(adaptation.size, 0);
  });

  it('resets', () => {
    const store = memoryStore();
    const adaptation = new UserAdaptation(store, clock());
    adaptation.record(request, 'quick', 'coding');
    adaptation.reset();
    assert.equal(adaptation.size, 0);
    assert.deepEqual(Array.from(adaptation.offsets(request)), [0, 0, 0, 0]);
    assert.deepEqual(store.saved.at(-1), { version: 1, events: [] });
  });

  it('restores valid state and replaces corrupt state without crashing', () => {
    const valid = { version: 1, events: [{ t: 1_700_000_000_000, b: 'chat:none', p: 1, c: 3 }] };
    assert.equal(new UserAdaptation(memoryStore(valid), clock()).size, 1);
    for (const corrupt of [null, 'garbage', { version: 2, events: [] }, { version: 1, events: [{ t: 'x' }] }, { version: 1, events: [{ t: 1, b: 'x', p: 9, c: 0 }] }]) {
      const store = memoryStore(corrupt);
      const adaptation = new UserAdaptation(store, clock());
      assert.equal(adaptation.size, 0);
      assert.deepEqual(store.saved.at(-1), { version: 1, events: [] });
    }
    const throwing: AdaptationStore = { load: () => { throw new Error('disk'); }, save: () => {} };
    assert.equal(new UserAdaptation(throwing, clock()).size, 0);
  });
});

describe('UserAdaptation from picks, rejections and kept answers', () => {
  const edit: TriageRequest = { kind: 'edit', instruction: 'rename a to b', selection: 'const a = 1;\nuse(a);' };
  const chat: TriageRequest = { kind: 'chat', instruction: 'what is a closure' };

  it('a rejected edit pushes its bucket one pool up, and only its bucket', () => {
    const adaptation = new UserAdaptation(memoryStore(), clock());
    adaptation.recordRejection(edit, 'local');
    const o = Array.from(adaptation.offsets(edit));
    assert.ok((o[1] as number) > 0 && (o[0] as number) < 0 && o[2] === 0 && o[3] === 0);
    assert.deepEqual(Array.from(adaptation.offsets(chat)), [0, 0, 0, 0]);
    assert.deepEqual(Array.from(adaptation.offsets({ ...edit, selection: undefined })), [0, 0, 0, 0], 'another size of edit is another bucket');
    adaptation.recordRejection(edit, 'reasoning');
    assert.equal(adaptation.size, 1, 'nothing above reasoning');
  });

  it('kept answers hold rejections back (a fifth rejected is the balance) and never push below the shipped choice', () => {
    const adaptation = new UserAdaptation(memoryStore(), clock());
    for (let i = 0; i < 4; i++) adaptation.recordAcceptance(edit, 'local');
    adaptation.recordRejection(edit, 'local');
    assert.deepEqual(Array.from(adaptation.offsets(edit)), [0, 0, 0, 0]);
    adaptation.recordRejection(edit, 'local');
    assert.ok((adaptation.offsets(edit)[1] as number) > 0);
    const keeper = new UserAdaptation(memoryStore(), clock());
    for (let i = 0; i < 50; i++) keeper.recordAcceptance(edit, 'coding');
    assert.deepEqual(Array.from(keeper.offsets(edit)), [0, 0, 0, 0]);
  });

  it('a pick moves its bucket and, half as much, its kind, but no other kind', () => {
    const adaptation = new UserAdaptation(memoryStore(), clock());
    adaptation.record(chat, 'quick', 'reasoning', 'pick');
    const same = adaptation.offsets(chat)[3] as number;
    const kind = adaptation.offsets({ ...chat, selection: 'x = 1' })[3] as number;
    assert.ok(Math.abs(same - 2 * kind) < 1e-12 && kind > 0);
    assert.deepEqual(Array.from(adaptation.offsets(edit)), [0, 0, 0, 0]);
  });

  it('persists the new event kinds and reads them back; an unknown kind is corrupt state', () => {
    const store = memoryStore();
    const adaptation = new UserAdaptation(store, clock());
    adaptation.record(chat, 'quick', 'coding', 'pick');
    adaptation.recordRejection(edit, 'local');
    adaptation.recordAcceptance(edit, 'coding');
    const saved = store.saved.at(-1);
    assert.deepEqual(saved?.events.map((e) => e.k), ['pick', 'reject', 'keep']);
    assert.equal(new UserAdaptation(memoryStore(saved), clock()).size, 3);
    assert.equal(new UserAdaptation(memoryStore({ version: 1, events: [{ t: 1, b: 'chat:none', p: 1, c: 2, k: 'loved' }] }), clock()).size, 0);
  });

  it('says in the reason when it moved a decision, and from which pool', () => {
    const adaptation = new UserAdaptation(memoryStore(), clock());
    const rc = new RequestClassifier({ adaptation });
    const before = rc.classifyEmbedded(request);
    assert.equal(before.adaptedFrom, undefined);
    assert.doesNotMatch(before.reason, /earlier choices/);
    for (let i = 0; i < 12; i++) rc.recordFeedback(request, 'quick', 'reasoning');
    const after = rc.classifyEmbedded(request);
    assert.equal(after.adaptedFrom, 'quick');
    assert.match(after.reason, /moved from quick to reasoning by your earlier choices/);
  });
});

describe('UserAdaptation only raises a decision from verdicts', () => {
  // A model that gives every request the same four equal probabilities: with margin 4 the least expected loss is
  // reasoning. Pushing up from rejected quick answers (quick's logit down, coding's up) makes coding the least loss.
  const flat = new EmbeddedClassifier(
    new LinearModel(parseLinearModel({ format: 'triage-linear-v1', pools: ['local', 'quick', 'coding', 'reasoning'], training: {}, decisionMargin: 4, scale: 1, bias: [0, 0, 0, 0], structural: {}, buckets: {} })),
  );
  const edit: TriageRequest = { kind: 'edit', instruction: 'tidy this', selection: 'const a = 1;\nconst b = 2;' };

  it('keeps the pool the model chose when rejections of a cheaper pool in the bucket would hand it to a lower one', () => {
    const adaptation = new UserAdaptation(memoryStore(), clock());
    const rc = new RequestClassifier({ adaptation, embedded: flat });
    assert.equal(rc.classifyEmbedded(edit).pool, 'reasoning');
    for (let i = 0; i < 10; i++) adaptation.recordRejection(edit, 'quick');
    // The offsets alone do move it down: the decision must not follow them.
    assert.equal(flat.classify(edit, { offsets: adaptation.offsets(edit) }).pool, 'coding');
    const after = rc.classifyEmbedded(edit);
    assert.equal(after.pool, 'reasoning');
    assert.equal(after.adaptedFrom, undefined);
    // "Ask a stronger model" from quick is the same kind of event.
    for (let i = 0; i < 10; i++) adaptation.record(edit, 'quick', 'coding');
    assert.equal(rc.classifyEmbedded(edit).pool, 'reasoning');
  });

  it('still lets a pick, a stated preference, lower the decision', () => {
    const adaptation = new UserAdaptation(memoryStore(), clock());
    const rc = new RequestClassifier({ adaptation, embedded: flat });
    for (let i = 0; i < 10; i++) adaptation.record(edit, 'reasoning', 'quick', 'pick');
    const after = rc.classifyEmbedded(edit);
    assert.equal(after.pool, 'quick');
    assert.equal(after.adaptedFrom, 'reasoning');
    assert.deepEqual(Array.from(adaptation.pickOffsets({ ...edit, kind: 'chat' })), [0, 0, 0, 0], 'picks move their kind only');
  });
});
