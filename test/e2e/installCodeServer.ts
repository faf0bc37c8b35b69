// Installs every VS Code the e2e harness runs on (code-server + its Node) into .vscode-test/, npm registry only;
// TRIAGE_E2E_TARGETS narrows it, TRIAGE_E2E_INSTALL_DIR puts it elsewhere.
import { ensureTarget, selectedTargets } from './vscodeTargets';

for (const target of selectedTargets()) {
  const entry = ensureTarget(target);
  console.log(`VS Code ${target.vscode} (code-server ${target.codeServer}, Node ${target.node}) ready: ${entry}`);
}
