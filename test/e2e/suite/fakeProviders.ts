// Points Triage at protocol fakes started inside the extension host, and puts the settings back afterwards.
import * as vscode from 'vscode';
import type { FakeServer } from '../../fakes/httpFake';
import { startAnthropicFake } from '../../fakes/anthropicFake';
import { startOllamaFake } from '../../fakes/ollamaFake';
import { startOpenAiFake } from '../../fakes/openaiFake';
import type { FakeOptions } from '../../fakes/script';

/** The three fakes, and the pools the tests route over. */
export interface FakeProviders {
  readonly ollama: FakeServer;
  readonly openai: FakeServer;
  readonly anthropic: FakeServer;
  /** Closes the fakes and clears every setting this helper wrote. */
  restore(): Promise<void>;
}

/** Pools used by the e2e tests: each pool has exactly one model, so the path taken is easy to assert. */
export const TEST_POOLS = {
  local: ['ollama:qwen2.5-coder:7b'],
  quick: ['openai:gpt-6-luna'],
  coding: ['openai:gpt-6-sol'],
  reasoning: ['anthropic:claude-opus-5-5'],
};

const WRITTEN = ['providers', 'pools', 'fallbackModel', 'models'] as const;

/** Settings a suite may put in place of the test pools and the shipped `triage.models` facts. */
export interface FakeSettings {
  readonly pools?: Readonly<Record<string, readonly string[]>>;
  readonly models?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Starts the fakes with the given scripts or responders and configures Triage to use them. */
export async function useFakeProviders(
  options: { ollama?: FakeOptions; openai?: FakeOptions; anthropic?: FakeOptions } = {},
  settings: FakeSettings = {},
): Promise<FakeProviders> {
  const [ollama, openai, anthropic] = await Promise.all([
    startOllamaFake(options.ollama),
    startOpenAiFake(options.openai),
    startAnthropicFake(options.anthropic),
  ]);
  const config = vscode.workspace.getConfiguration('triage');
  const global = vscode.ConfigurationTarget.Global;
  // The harness may have put user settings in place (for the UI suites): put exactly those back afterwards.
  const before = WRITTEN.map((key) => [key, config.inspect(key)?.globalValue] as const);
  await config.update(
    'providers',
    {
      ollama: { kind: 'ollama', baseUrl: ollama.baseUrl },
      openai: { kind: 'openai', baseUrl: openai.baseUrl },
      anthropic: { kind: 'anthropic', baseUrl: anthropic.baseUrl },
      deepseek: null,
    },
    global,
  );
  await config.update('pools', settings.pools ?? TEST_POOLS, global);
  if (settings.models) await config.update('models', settings.models, global);
  await config.update('fallbackModel', 'ollama:qwen2.5-coder:7b', global);
  return {
    ollama,
    openai,
    anthropic,
    async restore() {
      await Promise.all([ollama.close(), openai.close(), anthropic.close()]);
      const current = vscode.workspace.getConfiguration('triage');
      for (const [key, value] of before) await current.update(key, value, global);
    },
  };
}
