// The sentence-encoder head: training is deterministic, it joins the hashed model only with an embedding, within a deadline.

import * as assert from 'node:assert/strict';
import { EmbeddedClassifier, shippedEncoderHead, shippedModel } from '../../../src/core/classifier/embeddedClassifier';
import { EMBEDDING_DIMS, EncoderHead, encoderApplies, encoderText, parseEncoderHead, trainEncoderHead, type EncoderHeadData, type HeadExample } from '../../../src/core/classifier/encoderHead';
import type { ScheduleTimeout } from '../../../src/core/classifier/ollamaClassifier';
import { RequestClassifier } from '../../../src/core/classifier/requestClassifier';
import type { SentenceEncoder } from '../../../src/core/ports';
import { POOLS, type TriageRequest } from '../../../src/core/request';

/** A head that reads only dimension 0, and reads it as "reasoning". */
function pointingHead(blend = 1): EncoderHead {
  const weights = POOLS.map((p) => Array.from({ length: EMBEDDING_DIMS }, (_, j) => (p === 'reasoning' && j === 0 ? 127 : 0)));
  const data: EncoderHeadData = { format: 'triage-encoder-head-v1', pools: [...POOLS], training: {}, blend, decisionMargin: 1, scale: 1, bias: [0, 0, 0, 0], weights };
  return new EncoderHead(parseEncoderHead(data));
}
const REASONING_EMBEDDING = Array.from({ length: EMBEDDING_DIMS }, (_, j) => (j === 0 ? 0.3 : 0));
const RENAME: TriageRequest = { kind: 'edit', instruction: 'rename the variable x to count', selection: 'let x = 0;\nx++;' };

/** Timers fired by the test, not by the clock. */
function manualTimeout(): { schedule: ScheduleTimeout; fire: () => void; cancelled: () => boolean } {
  let callback: (() => void) | undefined;
  let cancelled = false;
  return {
    schedule: (_ms, onTimeout) => {
      callback = onTimeout;
      return () => (cancelled = true);
    },
    fire: () => callback?.(),
    cancelled: () => cancelled,
  };
}

describe('encoder head', () => {
  it('trains to the same numbers twice and separates two clusters', () => {
    const examples: HeadExample[] = Array.from({ length: 40 }, (_, i) => {
      const embedding = new Int8Array(EMBEDDING_DIMS);
      embedding[i % 2] = 80;
      embedding[2 + (i % 5)] = 10;
      return { embedding, label: i % 2 === 0 ? 'local' : 'reasoning', group: `g${i % 4}` };
    });
    const options = { l2: 0.0001, balance: 0.5, maxIterations: 50 };
    const a = trainEncoderHead(examples, options);
    assert.deepEqual(trainEncoderHead(examples, options), a);
    const head = new EncoderHead(parseEncoderHead(a));
    const lp = head.logProbabilities(examples[1]?.embedding as Int8Array);
    assert.ok((lp[3] as number) > (lp[0] as number), 'reasoning cluster read as reasoning');
  });

  it('ships a head that parses, with a blend and margin tuned at training', () => {
    const head = shippedEncoderHead();
    assert.ok(head.data.blend > 0 && head.data.decisionMargin >= 1);
  });

  it('changes nothing without an embedding, and blends the head in with one', () => {
    const classifier = new EmbeddedClassifier(shippedModel(), pointingHead());
    const alone = new EmbeddedClassifier(shippedModel(), pointingHead(0));
    assert.equal(classifier.classify(RENAME).pool, 'local');
    assert.deepEqual(classifier.classify(RENAME).probabilities, alone.classify(RENAME).probabilities);
    const blended = classifier.classify(RENAME, { embedding: REASONING_EMBEDDING });
    assert.equal(blended.pool, 'reasoning');
    assert.match(blended.reason, /sentence encoder/);
  });

  it('leaves Hangul-majority text to the hashed model (the encoder is English)', () => {
    const korean: TriageRequest = { kind: 'chat', instruction: '다음 문장을 영어로 번역해 줘: 안녕하세요' };
    assert.equal(encoderApplies(korean), false);
    assert.equal(encoderApplies(RENAME), true);
    const classifier = new EmbeddedClassifier(shippedModel(), pointingHead());
    assert.notEqual(classifier.classify(korean, { embedding: REASONING_EMBEDDING }).pool, 'reasoning');
  });

  it('embeds the prose of the instruction, head and tail when long, never the selection', () => {
    assert.equal(encoderText(RENAME), 'rename the variable x to count');
    const long = encoderText({ kind: 'chat', instruction: `${'a '.repeat(400)}so what is the answer?` });
    assert.ok(long.length < 700 && long.endsWith('so what is the answer?'));
  });
});

describe('RequestClassifier with a sentence encoder', () => {
  const embedded = new EmbeddedClassifier(shippedModel(), pointingHead());
  const signal = new AbortController().signal;

  it('uses the embedding that arrives before the deadline', async () => {
    const timer = manualTimeout();
    const seen: string[] = [];
    const encoder: SentenceEncoder = { embed: async (text) => (seen.push(text), REASONING_EMBEDDING) };
    const classifier = new RequestClassifier({ embedded, encoder: { encoder, scheduleTimeout: timer.schedule } });
    const c = await classifier.classify(RENAME, signal);
    assert.equal(c.pool, 'reasoning');
    assert.deepEqual(seen, ['rename the variable x to count']);
    assert.equal(timer.cancelled(), true);
  });

  it('decides with the hashed model alone when the encoder misses its deadline', async () => {
    const timer = manualTimeout();
    const encoder: SentenceEncoder = { embed: () => new Promise(() => undefined) };
    const classifier = new RequestClassifier({ embedded, encoder: { encoder, scheduleTimeout: timer.schedule } });
    const pending = classifier.classify(RENAME, signal);
    timer.fire();
    assert.equal((await pending).pool, 'local');
  });

  it('decides with the hashed model alone when the encoder fails, and logs it once', async () => {
    const warnings: string[] = [];
    const logger = { info() {}, warn: (m: string) => warnings.push(m), error() {} };
    const encoder: SentenceEncoder = { embed: () => Promise.reject(new Error('no weights')) };
    const classifier = new RequestClassifier({ embedded, logger, encoder: { encoder, scheduleTimeout: manualTimeout().schedule } });
    assert.equal((await classifier.classify(RENAME, signal)).pool, 'local');
    assert.equal((await classifier.classify(RENAME, signal)).pool, 'local');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] as string, /no weights/);
  });
});
