// Proves in a real VS Code that Triage's models are reachable through vscode.lm: the five models with limits and
// capabilities taken from the pools' models, a streamed answer, and tool calling end to end over each SDK's wire form.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RecordedRequest } from '../../fakes/script';
import { useFakeProviders, type FakeProviders } from './fakeProviders';
import { ask, triageModel, triageModelsWhen, WEATHER_TOOL } from './lmHelpers';

type Body = Record<string, unknown> & { messages?: Record<string, unknown>[]; tools?: Record<string, unknown>[] };
const bodyOf = (r: RecordedRequest): Body => r.body as Body;
const chats = (fakes: FakeProviders) => [fakes.ollama, fakes.openai, fakes.anthropic].flatMap((f) => f.requests.filter((r) => r.chat));

/** The weather question, the model's call, and the tool's result: the second turn of an agent's loop. */
function withResult(call: vscode.LanguageModelToolCallPart): vscode.LanguageModelChatMessage[] {
  return [
    vscode.LanguageModelChatMessage.User('What is the weather in Paris?'),
    vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelToolCallPart(call.callId, call.name, call.input)]),
    vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(call.callId, [new vscode.LanguageModelTextPart('18 °C, sunny')])]),
  ];
}

const weatherCall = (id: string) => ({ id, name: 'get_weather', arguments: '{"city": "Paris", "unit": "celsius"}' });
const finalAnswer = { chunks: ['It is 18 °C ', 'and sunny in Paris.'], usage: { inputTokens: 40, outputTokens: 9 } };

describe('Triage as a language model provider', () => {
  let fakes: FakeProviders | undefined;
  before(async () => {
    await vscode.extensions.getExtension('triage-dev.triage')!.activate();
  });
  afterEach(async () => {
    await fakes?.restore();
    fakes = undefined;
  });

  it('lists Triage Auto and one model per pool, limits taken from the pools\' models and following the settings', async () => {
    fakes = await useFakeProviders({}, {
      models: {
        'ollama:qwen2.5-coder:7b': { contextWindow: 16_384, tools: false, images: false },
        'openai:gpt-6-luna': { contextWindow: 200_000, tools: true, images: true },
        'openai:gpt-6-sol': { contextWindow: 64_000, tools: true, images: false },
        'anthropic:claude-opus-5-5': { contextWindow: 100_000, tools: true, images: true },
      },
    });
    const byId = (models: readonly vscode.LanguageModelChat[]) => new Map(models.map((m) => [m.id, m]));
    // The list follows the settings: VS Code asks again when Triage says the information changed.
    const models = byId(await triageModelsWhen((ms) => byId(ms).get('local')?.maxInputTokens === 16_384 - 2048));
    assert.deepEqual([...models.values()].map((m) => m.name).sort(), ['Triage Auto', 'Triage · coding', 'Triage · local', 'Triage · quick', 'Triage · reasoning'].sort());
    assert.ok([...models.values()].every((m) => m.vendor === 'triage'));
    // Each reaches its pool and the local fallback; its window is the largest of those, less the output reserved.
    assert.equal(models.get('local')!.maxInputTokens, 16_384 - 2048);
    assert.equal(models.get('quick')!.maxInputTokens, 200_000 - 2048);
    assert.equal(models.get('coding')!.maxInputTokens, 64_000 - 2048);
    assert.equal(models.get('reasoning')!.maxInputTokens, 100_000 - 2048);
    assert.equal(models.get('auto')!.maxInputTokens, 200_000 - 2048);
    assert.equal(models.get('local')!.family, 'triage-local');
    assert.equal(models.get('auto')!.family, 'triage-auto');

    const capabilities = (id: string) => capabilitiesOf(models.get(id)!);
    assert.deepEqual(capabilities('local'), { toolCalling: false, imageInput: false }, 'the local model calls no tools, takes no images');
    assert.deepEqual(capabilities('quick'), { toolCalling: true, imageInput: true });
    assert.deepEqual(capabilities('coding'), { toolCalling: true, imageInput: false });
    assert.deepEqual(capabilities('auto'), { toolCalling: true, imageInput: true }, 'Auto can reach a model with each');
  });

  it('streams the local pool\'s answer from the fake as text parts', async () => {
    fakes = await useFakeProviders({ ollama: { scripts: [{ chunks: ['local ', 'answer'], usage: { inputTokens: 20, outputTokens: 4 } }] } });
    const answer = await ask(await triageModel('local'), [vscode.LanguageModelChatMessage.User('say hello')]);
    assert.equal(answer.text, 'local answer');
    assert.equal(fakes.ollama.requests.filter((r) => r.chat).length, 1);
  });

  it('OpenAI: the tools go as `tools`, the streamed `tool_calls` come back as a tool call part, and the result yields the answer', async () => {
    fakes = await useFakeProviders({ openai: { scripts: [{ chunks: [], toolCalls: [weatherCall('call_w1')], usage: { inputTokens: 30, outputTokens: 12 } }, finalAnswer] } });
    const quick = await triageModel('quick');
    const first = await ask(quick, [vscode.LanguageModelChatMessage.User('What is the weather in Paris?')], { tools: [WEATHER_TOOL] });
    assert.equal(first.text, '');
    assert.equal(first.toolCalls.length, 1);
    assert.equal(first.toolCalls[0]!.callId, 'call_w1');
    assert.equal(first.toolCalls[0]!.name, 'get_weather');
    assert.deepEqual(first.toolCalls[0]!.input, { city: 'Paris', unit: 'celsius' }, 'the arguments arrive parsed');
    const sent = bodyOf(fakes.openai.requests.filter((r) => r.chat)[0]!);
    assert.deepEqual(sent.tools, [{ type: 'function', function: { name: 'get_weather', description: WEATHER_TOOL.description, parameters: WEATHER_TOOL.inputSchema } }]);

    const second = await ask(quick, withResult(first.toolCalls[0]!), { tools: [WEATHER_TOOL] });
    assert.equal(second.text, 'It is 18 °C and sunny in Paris.');
    assert.deepEqual(second.toolCalls, []);
    const back = bodyOf(fakes.openai.requests.filter((r) => r.chat)[1]!).messages!;
    const assistant = back.find((m) => m.role === 'assistant')!;
    assert.deepEqual(assistant.tool_calls, [{ id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: JSON.stringify({ city: 'Paris', unit: 'celsius' }) } }]);
    assert.deepEqual(back.at(-1), { role: 'tool', tool_call_id: 'call_w1', content: '18 °C, sunny' });
    assert.equal(chats(fakes).length, 2, 'nothing else was asked');
  });

  it('Anthropic: the tools go as `tools`, `tool_use` with `input_json_delta` pieces comes back parsed, `tool_result` yields the answer', async () => {
    fakes = await useFakeProviders({
      anthropic: { scripts: [{ chunks: [], toolCalls: [{ ...weatherCall('toolu_01'), pieces: 4 }], usage: { inputTokens: 30, outputTokens: 12 } }, finalAnswer] },
    });
    const reasoning = await triageModel('reasoning');
    const first = await ask(reasoning, [vscode.LanguageModelChatMessage.User('What is the weather in Paris?')], { tools: [WEATHER_TOOL] });
    assert.equal(first.toolCalls.length, 1);
    assert.equal(first.toolCalls[0]!.callId, 'toolu_01');
    assert.deepEqual(first.toolCalls[0]!.input, { city: 'Paris', unit: 'celsius' });
    const sent = bodyOf(fakes.anthropic.requests.filter((r) => r.chat)[0]!);
    assert.deepEqual(sent.tools, [{ name: 'get_weather', description: WEATHER_TOOL.description, input_schema: WEATHER_TOOL.inputSchema }]);

    const second = await ask(reasoning, withResult(first.toolCalls[0]!), { tools: [WEATHER_TOOL] });
    assert.equal(second.text, 'It is 18 °C and sunny in Paris.');
    const back = bodyOf(fakes.anthropic.requests.filter((r) => r.chat)[1]!).messages!;
    const assistant = back.find((m) => m.role === 'assistant')!;
    assert.deepEqual(assistant.content, [{ type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris', unit: 'celsius' } }]);
    const result = (back.at(-1)!.content as Record<string, unknown>[]).find((p) => p.type === 'tool_result');
    assert.equal(result?.tool_use_id, 'toolu_01');
    assert.equal(JSON.stringify(result?.content).includes('18 °C, sunny'), true);
    assert.equal(chats(fakes).length, 2);
  });

  it('Ollama: the tools go as `tools`, `message.tool_calls` (no call id) comes back as a tool call part, the result yields the answer', async () => {
    fakes = await useFakeProviders({ ollama: { scripts: [{ chunks: [], toolCalls: [weatherCall('')], usage: { inputTokens: 30, outputTokens: 12 } }, finalAnswer] } });
    const local = await triageModel('local');
    const first = await ask(local, [vscode.LanguageModelChatMessage.User('What is the weather in Paris?')], { tools: [WEATHER_TOOL] });
    assert.equal(first.toolCalls.length, 1);
    assert.ok(first.toolCalls[0]!.callId.length > 0, 'a call without an id on the wire still gets one the result can name');
    assert.deepEqual(first.toolCalls[0]!.input, { city: 'Paris', unit: 'celsius' });
    const sent = bodyOf(fakes.ollama.requests.filter((r) => r.chat)[0]!);
    assert.deepEqual(sent.tools, [{ type: 'function', function: { name: 'get_weather', description: WEATHER_TOOL.description, parameters: WEATHER_TOOL.inputSchema } }]);

    const second = await ask(local, withResult(first.toolCalls[0]!), { tools: [WEATHER_TOOL] });
    assert.equal(second.text, 'It is 18 °C and sunny in Paris.');
    const back = bodyOf(fakes.ollama.requests.filter((r) => r.chat)[1]!).messages!;
    const assistant = back.find((m) => m.role === 'assistant')!;
    assert.deepEqual((assistant.tool_calls as { function: unknown }[]).map((c) => c.function), [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }]);
    assert.equal(back.at(-1)!.role, 'tool');
    assert.equal(back.at(-1)!.content, '18 °C, sunny');
    assert.equal(chats(fakes).length, 2);
  });
});

/** The capabilities VS Code reports for a model; read from the object, since the 1.104 types do not declare them. */
function capabilitiesOf(model: vscode.LanguageModelChat): { toolCalling: boolean; imageInput: boolean } {
  const c = (model as { capabilities?: { supportsToolCalling?: boolean; supportsImageToText?: boolean } }).capabilities;
  assert.ok(c, `VS Code ${vscode.version} reports no capabilities for ${model.id}`);
  return { toolCalling: c.supportsToolCalling === true, imageInput: c.supportsImageToText === true };
}
