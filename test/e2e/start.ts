// `npm start`: a real VS Code (code-server) on 127.0.0.1 with Triage loaded, for a person to try in a browser.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot, startCodeServer, workbenchUrl } from './codeServer';

async function main(): Promise<void> {
  const desktop = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
  if (desktop && process.argv.includes('--desktop')) {
    spawnSync(desktop, ['--extensionDevelopmentPath', projectRoot], { stdio: 'inherit' });
    return;
  }
  const port = Number(process.env.TRIAGE_PORT ?? 8484);
  const home = path.join(os.homedir(), '.triage-try');
  const workspace = path.join(home, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const sample = path.join(workspace, 'sample.ts');
  if (!fs.existsSync(sample)) {
    fs.writeFileSync(sample, 'export function add(a: number, b: number) {\n  return a + b;\n}\n');
  }
  const server = await startCodeServer({ port, dataDir: path.join(home, 'server') });
  const url = workbenchUrl(server, workspace);
  console.log(`\nTriage is loaded in VS Code at:\n\n  ${url}\n\nOpen it in a browser on this machine. Ctrl+C stops the server.`);
  if (desktop) console.log(`(A desktop VS Code is installed too: \`npm start -- --desktop\` opens Triage there.)`);
  const stop = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
