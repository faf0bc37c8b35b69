// Installs every VS Code the e2e harness runs on (code-server + its Node) into .vscode-test/, npm registry only.
import { ensureTarget, TARGETS } from './vscodeTargets';

for (const target of TARGETS) {
  const entry = ensureTarget(target);
  console.log(`VS Code ${target.vscode} (code-server ${target.codeServer}, Node ${target.node}) ready: ${entry}`);
}
