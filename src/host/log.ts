// The "Triage" log channel, and core's Logger port on top of it. Never given prompt text or keys.
import * as vscode from 'vscode';
import type { Logger } from '../core/ports';

/** Creates the LogOutputChannel (owned by the caller) and a Logger that writes to it. */
export function createLog(): { channel: vscode.LogOutputChannel; logger: Logger } {
  const channel = vscode.window.createOutputChannel('Triage', { log: true });
  const logger: Logger = {
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
  return { channel, logger };
}
