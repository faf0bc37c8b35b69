// Proves in a real VS Code that Triage's models are reachable through vscode.lm: five models, a streamed answer.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useFakeProviders, type FakeProviders } from './fakeProviders';

describe('Triage as a language model provider', () => {
  let fakes: FakeProviders;
  before(async () => {
    await vscode.extensions.getExtension('triage-dev.triage')!.activate();
    fakes = await useFakeProviders({ ollama: { scripts: [{ chunks: ['local ', 'answer'], usage: { inputTokens: 20, outputTokens: 4 } }] } });
  });
  after(async () => fakes.restore());

  it('lists Triage Auto and one model per pool under vendor triage', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: 'triage' });
    assert.deepEqual(models.map((m) => m.name).sort(), ['Triage Auto', 'Triage · coding', 'Triage · local', 'Triage · quick', 'Triage · reasoning'].sort());
    assert.ok(models.every((m) => m.maxInputTokens > 0));
  });

  it('streams the local pool\'s answer from the fake as text parts', async () => {
    const [local] = await vscode.lm.selectChatModels({ vendor: 'triage', id: 'local' });
    assert.ok(local, 'the local model is listed');
    const response = await local.sendRequest([vscode.LanguageModelChatMessage.User('say hello')], {}, new vscode.CancellationTokenSource().token);
    let text = '';
    for await (const chunk of response.text) text += chunk;
    assert.equal(text, 'local answer');
    assert.equal(fakes.ollama.requests.filter((r) => r.chat).length, 1);
  });
});
