// The few-shot example index: nearest by hashed tokens, built lazily, and carried into the Ollama prompt.

import * as assert from 'node:assert/strict';
import { binaryCosine, hashedTokens, NearestExamples, type LabelledExample } from '../../../src/core/classifier/nearestExamples';
import { OLLAMA_SYSTEM_PROMPT, OllamaPoolClassifier, userMessage } from '../../../src/core/classifier/ollamaClassifier';
import { startOllamaFake } from '../../fakes/ollamaFake';
import { providerFor } from '../providers/harness';

const EXAMPLES: LabelledExample[] = [
  { text: 'fix the typo in this sentence please', label: 'local' },
  { text: 'write a function that merges two sorted lists in python', label: 'coding' },
  { text: 'design a distributed rate limiter for many regions', label: 'reasoning' },
  { text: '이 문장을 영어로 번역해 주세요', label: 'local' },
];

describe('NearestExamples', () => {
  it('ranks the example sharing most words first, in any script', () => {
    const index = new NearestExamples(() => EXAMPLES);
    assert.deepEqual(index.nearest('Write a function to merge sorted arrays', 1).map((e) => e.label), ['coding']);
    assert.deepEqual(index.nearest('이 문장을 번역해 주세요', 1).map((e) => e.label), ['local']);
    assert.equal(index.nearest('design a distributed cache', 2)[0]?.label, 'reasoning');
  });

  it('returns nothing for a text sharing no token, and never more than asked', () => {
    const index = new NearestExamples(() => EXAMPLES);
    assert.deepEqual(index.nearest('zzz qqq', 3), []);
    assert.ok(index.nearest('a the function sentence lists', 2).length <= 2);
  });

  it('builds the index on the first query only', () => {
    let builds = 0;
    const index = new NearestExamples(() => {
      builds++;
      return EXAMPLES;
    });
    assert.equal(builds, 0);
    index.nearest('fix typo', 1);
    index.nearest('fix typo again', 1);
    assert.equal(builds, 1);
  });

  it('cosine of identical token sets is 1 and of disjoint ones 0', () => {
    const a = hashedTokens('merge two lists');
    assert.ok(Math.abs(binaryCosine(a, a) - 1) < 1e-12);
    assert.equal(binaryCosine(a, hashedTokens('unrelated words here')), 0);
  });
});

describe('Ollama prompt with examples', () => {
  it('carries the boundary conventions and the nearest labelled examples', () => {
    assert.match(OLLAMA_SYSTEM_PROMPT, /syntax error or typo in code is local, fixing a logic bug is coding/);
    const index = new NearestExamples(() => EXAMPLES);
    const text = userMessage({ kind: 'chat', instruction: 'write a function merging sorted lists' }, index.source, 2);
    assert.match(text, /"write a function that merges two sorted lists in python" -> \{"pool": "coding"\}/);
    assert.ok(text.indexOf('Labelled examples') < text.indexOf('Request: write a function merging'));
    assert.doesNotMatch(userMessage({ kind: 'chat', instruction: 'x' }, undefined), /Labelled examples/);
  });

  it('sends the examples through the real adapter to the Ollama fake', async () => {
    const fake = await startOllamaFake({ scripts: [{ chunks: ['{"pool": "coding"}'] }] });
    try {
      const index = new NearestExamples(() => EXAMPLES);
      const classifier = new OllamaPoolClassifier(providerFor('ollama', fake), { examples: index.source });
      const pool = await classifier.classify({ kind: 'chat', instruction: 'write a function merging sorted lists' }, new AbortController().signal);
      assert.equal(pool, 'coding');
      assert.match(JSON.stringify(fake.requests[0]?.body), /merges two sorted lists in python/);
    } finally {
      await fake.close();
    }
  });
});
