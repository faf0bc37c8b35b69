// bench/replay.ts precomputedEncoder: the replay's Triage rows get the embeddings the extension's worker would give.

import { strict as assert } from 'node:assert';
import { precomputedEncoder } from '../../../bench/replay';
import { EMBEDDING_DIMS, EMBEDDING_SCALE, encoderText } from '../../../src/core/classifier/encoderHead';
import { RequestClassifier } from '../../../src/core/classifier/requestClassifier';
import type { TriageRequest } from '../../../src/core/request';

const request: TriageRequest = { kind: 'chat', instruction: 'why does my react component render twice in strict mode' };
const other: TriageRequest = { kind: 'chat', instruction: 'rename this variable to userCount' };

/** A fake cache: one fixed int8 vector per text, recording what it was asked. */
function fakeEmbed(asked: string[][]): (texts: readonly string[]) => Promise<Int8Array[]> {
  return async (texts) => {
    asked.push([...texts]);
    return texts.map((_, k) => Int8Array.from({ length: EMBEDDING_DIMS }, (_v, i) => ((i * 7 + k * 13) % 255) - 127));
  };
}

describe('precomputedEncoder (bench replay)', () => {
  it('embeds each request by its encoderText and answers with the dequantised vector', async () => {
    const asked: string[][] = [];
    const encoder = await precomputedEncoder([request, other], fakeEmbed(asked));
    assert.deepEqual(asked, [[encoderText(request), encoderText(other)]]);
    const vector = Array.from(await encoder.embed(encoderText(other)));
    assert.equal(vector.length, EMBEDDING_DIMS);
    assert.equal(vector[0], (13 % 255 - 127) * EMBEDDING_SCALE);
  });

  it('rejects a text it was not given, so a replay never silently decides without the encoder', async () => {
    const encoder = await precomputedEncoder([request], fakeEmbed([]));
    await assert.rejects(encoder.embed('something else'), /no precomputed embedding/);
  });

  it('makes the router classifier decide exactly as the blended path with that embedding', async () => {
    const encoder = await precomputedEncoder([request], fakeEmbed([]));
    const classifier = new RequestClassifier({ encoder: { encoder } });
    const viaEncoder = await classifier.classify(request, new AbortController().signal, { alreadyScanned: true });
    const direct = classifier.classifyEmbedded(request, { alreadyScanned: true }, await encoder.embed(encoderText(request)));
    const hashed = new RequestClassifier().classifyEmbedded(request, { alreadyScanned: true });
    assert.deepEqual(viaEncoder.probabilities, direct.probabilities);
    assert.notDeepEqual(viaEncoder.probabilities, hashed.probabilities);
  });
});
