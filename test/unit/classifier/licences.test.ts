// Every training source has a stated licence, and the non-commercial ones are kept out of a shipped model.

import * as assert from 'node:assert/strict';
import { DATA_FILES, readLabelledFile, readTrainingExtras, sourceGroup } from '../../../src/cli/dataset';
import { isShippable, licenceOf } from '../../../src/cli/licences';

describe('training licences', () => {
  const groups = [...new Set([...readLabelledFile(DATA_FILES.dev), ...readTrainingExtras(true)].map((r) => sourceGroup(r.source)))];

  it('names a licence for every training source group', () => {
    assert.deepEqual(groups.filter((g) => licenceOf(g) === undefined), []);
  });

  it('does not ship CodeAlpaca, WizardLM, the MBPP copy or unlicensed KoChatGPT', () => {
    for (const g of ['codealpaca', 'wizardlm-testset', 'mbpp', 'kochatgpt-ppo']) assert.equal(isShippable(g), false, g);
    assert.equal(isShippable('w-commit-subject'), true);
    assert.equal(isShippable('an-unknown-source'), false);
  });
});
