// The three protocol fakes with the demo responder, and the user settings that point Triage at them.
import { demoResponder } from '../fakes/demoResponder';
import type { FakeServer } from '../fakes/httpFake';
import { startAnthropicFake } from '../fakes/anthropicFake';
import { startOllamaFake } from '../fakes/ollamaFake';
import { startOpenAiFake } from '../fakes/openaiFake';

/** Running demo fakes. */
export interface DemoFakes {
  readonly ollama: FakeServer;
  readonly openai: FakeServer;
  readonly anthropic: FakeServer;
  /** DeepSeek's own OpenAI-compatible fake, so its demo answers name deepseek, not openai. */
  readonly deepseek: FakeServer;
  /** `triage.*` user settings for these fakes. */
  readonly settings: Record<string, unknown>;
  close(): Promise<void>;
}

/** Starts the fakes on ephemeral ports, or on `ports` when given (for `npm start`). */
export async function startDemoFakes(
  ports: { ollama?: number; openai?: number; anthropic?: number; deepseek?: number } = {},
): Promise<DemoFakes> {
  const [ollama, openai, anthropic, deepseek] = await Promise.all([
    startOllamaFake({ respond: demoResponder('ollama'), models: ['qwen2.5-coder:7b', 'qwen2.5:1.5b'], ...(ports.ollama ? { port: ports.ollama } : {}) }),
    startOpenAiFake({ respond: demoResponder('openai'), ...(ports.openai ? { port: ports.openai } : {}) }),
    startAnthropicFake({ respond: demoResponder('anthropic'), ...(ports.anthropic ? { port: ports.anthropic } : {}) }),
    startOpenAiFake({ respond: demoResponder('deepseek'), ...(ports.deepseek ? { port: ports.deepseek } : {}) }),
  ]);
  return {
    ollama,
    openai,
    anthropic,
    deepseek,
    settings: {
      'triage.demo': true,
      'triage.providers': {
        ollama: { kind: 'ollama', baseUrl: ollama.baseUrl },
        openai: { kind: 'openai', baseUrl: openai.baseUrl },
        anthropic: { kind: 'anthropic', baseUrl: anthropic.baseUrl },
        deepseek: { kind: 'openai', baseUrl: deepseek.baseUrl },
      },
    },
    async close() {
      await Promise.all([ollama.close(), openai.close(), anthropic.close(), deepseek.close()]);
    },
  };
}
