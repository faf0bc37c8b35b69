// `npm run fakes`: starts the three fake providers with the demo responder and prints how to use them.

import { startAnthropicFake } from './anthropicFake';
import { demoResponder } from './demoResponder';
import type { FakeServer } from './httpFake';
import { startOllamaFake } from './ollamaFake';
import { startOpenAiFake } from './openaiFake';

const USAGE = `Usage: npm run fakes -- [--ollama-port N] [--openai-port N] [--anthropic-port N]
Defaults: 11435, 11436, 11437. Use 0 for any free port.`;

function portArg(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}-port`);
  if (at < 0) return fallback;
  const port = Number(args[at + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--${name}-port needs a port number.\n${USAGE}`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const ollama = await startOllamaFake({
    port: portArg(args, 'ollama', 11435),
    respond: demoResponder('ollama'),
    models: ['qwen2.5-coder:7b', 'qwen2.5:1.5b'],
  });
  const openai = await startOpenAiFake({
    port: portArg(args, 'openai', 11436),
    respond: demoResponder('openai'),
    models: ['gpt-6-luna', 'gpt-6-sol', 'deepseek-flash', 'deepseek-v4-pro'],
  });
  const anthropic = await startAnthropicFake({
    port: portArg(args, 'anthropic', 11437),
    respond: demoResponder('anthropic'),
    models: ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'],
  });
  const fakes: FakeServer[] = [ollama, openai, anthropic];

  const settings = {
    'triage.providers': {
      ollama: { kind: 'ollama', baseUrl: ollama.baseUrl },
      openai: { kind: 'openai', baseUrl: openai.baseUrl },
      anthropic: { kind: 'anthropic', baseUrl: anthropic.baseUrl },
      deepseek: { kind: 'openai', baseUrl: openai.baseUrl },
    },
  };
  console.log(`Triage fake providers on 127.0.0.1 (demo answers labelled "[demo]", no real model runs):
  ollama     ${ollama.baseUrl}
  openai     ${openai.baseUrl}   (also serves the deepseek models)
  anthropic  ${anthropic.baseUrl}

Put this in your VS Code user settings.json:
${JSON.stringify(settings, null, 2)}

Keys: the fakes accept any key. Run "Triage: Set API Key…" with any value (e.g. demo) for anthropic
(required); openai and deepseek on 127.0.0.1 work without one.
Press Ctrl+C to stop.`);

  const stop = (): void => {
    void Promise.all(fakes.map((fake) => fake.close())).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Could not start the fakes: ${String(error)}\n${USAGE}`);
  process.exit(1);
});
