// `npm start`: a real VS Code (code-server) on 127.0.0.1 with Triage loaded, for a person to try in a browser.
// By default it also starts the protocol fakes and points Triage at them (demo mode: no key, no Ollama needed);
// `npm start -- --real` uses your own providers and keys instead.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot, startCodeServer, workbenchUrl } from './codeServer';
import { startDemoFakes, type DemoFakes } from './demoFakes';

async function main(): Promise<void> {
  const desktop = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
  if (desktop && process.argv.includes('--desktop')) {
    spawnSync(desktop, ['--extensionDevelopmentPath', projectRoot], { stdio: 'inherit' });
    return;
  }
  const real = process.argv.includes('--real');
  const port = Number(process.env.TRIAGE_PORT ?? 8484);
  const home = path.join(os.homedir(), '.triage-try');
  const workspace = path.join(home, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const sample = path.join(workspace, 'sample.ts');
  if (!fs.existsSync(sample)) {
    fs.writeFileSync(
      sample,
      'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport function average(xs: number[]) {\n  let total = 0;\n  for (let i = 0; i <= xs.length; i++) total += xs[i];\n  return total / xs.length;\n}\n',
    );
  }
  const fakes: DemoFakes | undefined = real ? undefined : await startDemoFakes();
  const userSettings = fakes ? fakes.settings : { 'triage.demo': false, 'triage.providers': undefined };
  const server = await startCodeServer({ port, dataDir: path.join(home, 'server'), userSettings });
  const url = workbenchUrl(server, workspace);
  console.log(`\nTriage is loaded in VS Code at:\n\n  ${url}\n\nOpen it in a browser on this machine. Ctrl+C stops everything.`);
  if (fakes) {
    console.log(
      `\nDemo mode: answers come from local fake providers (Ollama ${fakes.ollama.baseUrl}, OpenAI ${fakes.openai.baseUrl},` +
        ` Anthropic ${fakes.anthropic.baseUrl}, DeepSeek ${fakes.deepseek.baseUrl}), labelled as demo answers. \`npm start -- --real\` uses your own providers and keys.`,
    );
  }
  if (desktop) console.log('(A desktop VS Code is installed too: `npm start -- --desktop` opens Triage there.)');
  const stop = (): void => {
    void Promise.all([server.stop(), fakes?.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
