// The request classifier's privacy step: it scans unless its caller (the router) already has.

import * as assert from 'node:assert/strict';
import { RequestClassifier } from '../../../src/core/classifier/requestClassifier';
import type { TriageRequest } from '../../../src/core/request';
import { POSITIVES, type PrivacyCase } from './privacyCorpus';

const KEY_LINE = (POSITIVES.find((c) => c.name === 'anthropic key fragment') as PrivacyCase).text;
const WITH_KEY: TriageRequest = { kind: 'edit', instruction: 'rename the variable', selection: KEY_LINE };

describe('RequestClassifier privacy scan', () => {
  const classifier = new RequestClassifier();
  const signal = new AbortController().signal;

  it('sends a request holding a credential to local by itself', async () => {
    const c = await classifier.classify(WITH_KEY, signal);
    assert.equal(c.pool, 'local');
    assert.equal(c.source, 'privacy');
    assert.equal(c.sensitive, true);
  });

  it('skips its own scan when the caller says the request was already scanned clean', async () => {
    const c = await classifier.classify(WITH_KEY, signal, { alreadyScanned: true });
    assert.equal(c.source, 'embedded');
    assert.equal(c.sensitive, false);
    assert.equal(classifier.classifyEmbedded(WITH_KEY, { alreadyScanned: true }).source, 'embedded');
  });
});
