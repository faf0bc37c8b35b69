// The bench's pool experiment (issue 16 item 5): on the dev traffic, a cheaper model for the coding pool, judged by a
// label-agreement user, is found cheaper and worse (keep); an alternative that is the same model is within noise.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cheaperCodingExperiment, experimentBench } from '../../../bench/experimentBench';
import { DATA_FILES, readLabelledFile, recordToRequest } from '../../../src/cli/dataset';
import { DEFAULT_POOL_REFS } from '../../../src/core/pools/poolsConfig';
import { parseModelRef } from '../../../src/core/request';

const items = readLabelledFile(path.join(__dirname, '../../..', DATA_FILES.dev)).map((r) => ({ id: r.id, request: recordToRequest(r), label: r.label }));

describe('experiment bench', () => {
  it("finds the quick pool's model cheaper for coding requests but worse answered, and advises keeping the order", () => {
    const row = experimentBench(items, cheaperCodingExperiment());
    const { control, alternative } = row.arms;
    assert.equal(control.requests + alternative.requests, row.poolRequests);
    assert.ok(row.poolRequests > 100 && control.requests > 40 && alternative.requests > 40, JSON.stringify(row.arms));
    assert.ok(alternative.costPerRequestMicros < control.costPerRequestMicros / 2);
    assert.ok(alternative.accepted / alternative.judged < control.accepted / control.judged);
    assert.ok(alternative.retried > control.retried);
    assert.equal(row.advice, 'keep');
    assert.match(row.verdict, /\(cheaper, a real difference\); acceptance \d+% against \d+% \(a real difference\).* Its answers look worse: keep the current order\.$/);
  });

  it('calls an alternative that is the same model within noise', () => {
    const same = { ...cheaperCodingExperiment(), models: [parseModelRef(DEFAULT_POOL_REFS.coding[0] as string)!] };
    const row = experimentBench(items, same);
    assert.equal(row.advice, 'wait');
    assert.match(row.verdict, /within noise; acceptance 100% against 100%, within noise; .* No real difference yet: run it longer\.$/);
  });
});
