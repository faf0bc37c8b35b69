// Every contributed setting's default satisfies its own schema, so the Settings editor never shows an error on a
// value the user did not touch (it did: `triage.classifier.underRoutingCost` was type number with default null).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const properties: Record<string, Record<string, unknown>> = manifest.contributes.configuration.properties;

// VS Code's own keywords are annotations, not constraints; strict mode would reject them.
const ajv = new Ajv({ strict: false, allErrors: true });

describe('architecture: settings schema', () => {
  for (const [key, schema] of Object.entries(properties)) {
    it(`${key}: the default satisfies the schema`, () => {
      assert.ok('default' in schema, `${key} has no default`);
      const validate = ajv.compile(schema);
      const ok = validate(schema.default);
      assert.ok(ok, `${key}: ${ajv.errorsText(validate.errors)}`);
    });

    it(`${key}: has a description and a scope`, () => {
      assert.ok(typeof schema.markdownDescription === 'string' || typeof schema.description === 'string', `${key} has no description`);
      assert.ok(typeof schema.scope === 'string', `${key} has no scope`);
    });
  }

  // A workspace's .vscode/settings.json must not be able to send a user's data off the machine: VS Code ignores
  // workspace values of application-scoped settings (privacy.mode was window-scoped, so a repo could opt into redact).
  // Money too: a repo that could zero a model's price, lift a budget or set onExceed to allow would make the user's
  // spend cap meaningless (prices and budget.* were window-scoped).
  for (const key of [
    'triage.providers',
    'triage.privacy.mode',
    'triage.demo',
    'triage.prices',
    'triage.budget.dailyUsd',
    'triage.budget.monthlyUsd',
    'triage.budget.onExceed',
    'triage.budget.warnAtPercent',
  ]) {
    it(`${key}: only user settings can change it (scope application)`, () => {
      assert.equal(properties[key]?.scope, 'application');
    });
  }

  it('rejects a wrong value, so the check is not vacuous', () => {
    const validate = ajv.compile(properties['triage.maxOutputTokens'] as object);
    assert.equal(validate('many'), false);
    assert.equal(validate(1), false);
  });
});
