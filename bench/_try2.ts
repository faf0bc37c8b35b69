import * as path from 'node:path';
import { bundleForNode, runJsonProbe } from './probe';
async function main() {
  const out = bundleForNode(path.join(__dirname, 'activationProbe.ts'), '/tmp/actprobe', 'probe');
  for (let i = 0; i < 3; i++) console.log(await runJsonProbe(out, ['/work/main', '/tmp/actprobe/storage' + i]).catch((e) => String(e)));
}
main();
