// Demo answers name the provider as the user configured it: deepseek's requests reach a fake that says "deepseek".
import * as assert from 'node:assert/strict';
import { startDemoFakes, type DemoFakes } from '../../e2e/demoFakes';

describe('fakes/demoFakes', () => {
  let fakes: DemoFakes;
  before(async () => (fakes = await startDemoFakes()));
  after(async () => fakes.close());

  it('points deepseek at its own fake, whose chat answers name deepseek, not the openai protocol', async () => {
    const providers = fakes.settings['triage.providers'] as Record<string, { baseUrl: string }>;
    assert.notEqual(providers.deepseek!.baseUrl, providers.openai!.baseUrl);
    const response = await fetch(`${providers.deepseek!.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo' },
      body: JSON.stringify({ model: 'deepseek-flash', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    assert.match(body.choices[0]!.message.content, /^\[demo\] deepseek model "deepseek-flash"/);
  });
});
