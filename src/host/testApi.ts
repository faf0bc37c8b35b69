// What activate() returns under the extension-host test runner only: what Triage's own suites cannot read through
// VS Code's API (no API lists status bar items; the ledger sits in Triage's global storage). Never returned otherwise.
import type * as vscode from 'vscode';
import type { FinishedRequest } from './triageServices';

/** The test runner's view of one window's Triage. */
export interface TriageTestApi {
  /** The folder of `ledger-YYYY-MM.jsonl`. */
  readonly ledgerDir: string;
  /** Fires once a request's ledger line is written (the status bar has taken it by then). */
  readonly onDidFinish: vscode.Event<FinishedRequest>;
  /** The status bar item's text and tooltip as Triage set them. */
  statusBarItem(): { readonly text: string; readonly tooltip: string };
}
