// What the language-model suites share: Triage's test API, a request through vscode.lm collected part by part, the
// ledger's lines as written, and waiting for the model list to follow a settings change.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LedgerRecord } from '../../../src/core/ledger/ledgerRecord';
import type { TriageTestApi } from '../../../src/host/testApi';
import type { FinishedRequest } from '../../../src/host/triageServices';

/** Triage activated, and what it returns under the test runner. */
export async function triageApi(): Promise<TriageTestApi> {
  const api = (await vscode.extensions.getExtension('triage-dev.triage')!.activate()) as TriageTestApi | undefined;
  if (!api) throw new Error('Triage returned no test API: the suite is not running under the extension-host test runner');
  return api;
}

/** What one request streamed back, in order. */
export interface Answer {
  readonly text: string;
  readonly toolCalls: readonly vscode.LanguageModelToolCallPart[];
}

/** Sends the request and reads its stream to the end; rejects with whatever sendRequest or the stream threw. */
export async function ask(
  model: vscode.LanguageModelChat,
  messages: vscode.LanguageModelChatMessage[],
  options: vscode.LanguageModelChatRequestOptions = {},
  token: vscode.CancellationToken = new vscode.CancellationTokenSource().token,
): Promise<Answer> {
  const response = await model.sendRequest(messages, options, token);
  let text = '';
  const toolCalls: vscode.LanguageModelToolCallPart[] = [];
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) text += part.value;
    else if (part instanceof vscode.LanguageModelToolCallPart) toolCalls.push(part);
  }
  return { text, toolCalls };
}

/** Triage's model with this id (`auto` or a pool). */
export async function triageModel(id: string): Promise<vscode.LanguageModelChat> {
  const [model] = await vscode.lm.selectChatModels({ vendor: 'triage', id });
  if (!model) throw new Error(`Triage's model '${id}' is not listed`);
  return model;
}

/** Every ledger line written so far, oldest first (all months' files). */
export function ledgerLines(api: TriageTestApi): LedgerRecord[] {
  if (!fs.existsSync(api.ledgerDir)) return [];
  return fs
    .readdirSync(api.ledgerDir)
    .filter((f) => /^ledger-\d{4}-\d{2}\.jsonl$/.test(f))
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(api.ledgerDir, f), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LedgerRecord);
}

/** Resolves with the next `n` finished requests (each already in the ledger). Subscribe before sending. */
export function nextFinished(api: TriageTestApi, n = 1): Promise<FinishedRequest[]> {
  const seen: FinishedRequest[] = [];
  return new Promise((resolve) => {
    const listener = api.onDidFinish((finished) => {
      seen.push(finished);
      if (seen.length < n) return;
      listener.dispose();
      resolve(seen);
    });
  });
}

/**
 * Triage's models once `settled` holds for them: VS Code asks the provider again after each change event, so the list
 * is read, and read again after every change, until it shows what the settings say (the test's timeout bounds it).
 */
export async function triageModelsWhen(settled: (models: readonly vscode.LanguageModelChat[]) => boolean): Promise<vscode.LanguageModelChat[]> {
  for (;;) {
    let listener: vscode.Disposable | undefined;
    const changed = new Promise<void>((resolve) => (listener = vscode.lm.onDidChangeChatModels(() => resolve())));
    try {
      const models = await vscode.lm.selectChatModels({ vendor: 'triage' });
      if (settled(models)) return models;
      await changed;
    } finally {
      listener?.dispose();
    }
  }
}

/** A weather tool, as an agent would offer it. */
export const WEATHER_TOOL: vscode.LanguageModelChatTool = {
  name: 'get_weather',
  description: 'The weather in a city today.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
