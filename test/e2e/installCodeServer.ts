// Installs the VS Code server into .vscode-test/ (npm registry only); `.ci/run` and `npm start` use it.
import { CODE_SERVER_VERSION, ensureCodeServer } from './codeServer';

const entry = ensureCodeServer();
console.log(`code-server ${CODE_SERVER_VERSION} ready: ${entry}`);
