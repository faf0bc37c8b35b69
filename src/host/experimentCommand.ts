// Triage: End Experiment — compares the arms of a pool experiment on the user's own requests, says what the figures
// mean, and ends it: adopting the alternative order into the pool, or keeping the current one.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { compareArms } from '../core/experiments/compareArms';
import { experimentArms } from '../core/experiments/experimentReport';
import { describeExperiment, earliestStartMs, settingsAfterEnding } from '../core/experiments/experiments';
import type { Experiment } from '../core/experiments/experiments';
import { readQualityTallies } from './qualityTallies';
import type { LedgerFileStore } from './ledgerFileStore';
import { QualityFileStore } from './qualityFileStore';

const ADOPT = 'Adopt Alternative Order';
const KEEP = 'Keep Current Order';

export interface ExperimentCommandDeps {
  readonly experiments: () => readonly Experiment[];
  readonly ledger: LedgerFileStore;
  /** The folder of the ledger's files, where the quality signals sit too. */
  readonly ledgerDir: string;
  readonly demo: () => boolean;
  readonly log: (message: string) => void;
}

export async function endExperiment(deps: ExperimentCommandDeps): Promise<void> {
  const experiments = deps.experiments();
  if (experiments.length === 0) {
    void vscode.window.showInformationMessage('Triage: no pool experiment is set. Add one under triage.experiments in your settings.');
    return;
  }
  const experiment =
    experiments.length === 1
      ? experiments[0]
      : (await vscode.window.showQuickPick(experiments.map((e) => ({ label: e.id, description: describeExperiment(e), experiment: e })), { title: 'Triage: End Experiment' }))?.experiment;
  if (!experiment) return;
  let text: string;
  try {
    const from = earliestStartMs([experiment]) ?? 0;
    // The spend panel's figures: the ledger's day digests and the signals (folded and counted in steps, as the panel
    // counts them), never every record read back.
    const [{ digests }, tallies] = await Promise.all([deps.ledger.digests(), readQualityTallies(new QualityFileStore(deps.ledgerDir), from, null, deps.demo())]);
    const arms = experimentArms(experiment.id, digests, tallies.experiments, deps.demo(), experiment.start);
    text = compareArms(arms.control, arms.alternative).text;
  } catch (error) {
    deps.log(`experiments: could not read the ledger: ${error instanceof Error ? error.message : String(error)}`);
    text = 'Its requests could not be read from the ledger (see Triage: Show Log).';
  }
  const choice = await vscode.window.showInformationMessage(`Triage experiment '${experiment.id}' (${describeExperiment(experiment)}): ${text}`, { modal: true }, ADOPT, KEEP);
  if (choice !== ADOPT && choice !== KEEP) return;
  const config = vscode.workspace.getConfiguration('triage');
  const after = settingsAfterEnding(experiment, choice === ADOPT, config.inspect('pools')?.globalValue, config.inspect('experiments')?.globalValue);
  try {
    if (after.pools) await config.update('pools', after.pools, vscode.ConfigurationTarget.Global);
    await config.update('experiments', after.experiments, vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage(
      choice === ADOPT
        ? `Triage: the ${experiment.pool} pool now tries ${experiment.models.map((m) => `${m.provider}:${m.model}`).join(' > ')}; the experiment is ended.`
        : `Triage: experiment '${experiment.id}' is ended; the ${experiment.pool} pool keeps its order.`,
    );
  } catch (error) {
    deps.log(`experiments: could not update the settings: ${String(error)}`);
    void vscode.window.showErrorMessage('Triage: the settings could not be updated; see Triage: Show Log.');
  }
}

/** The ledger folder under the extension's global storage (as TriageServices lays it out). */
export function ledgerDirOf(context: vscode.ExtensionContext): string {
  return path.join(context.globalStorageUri.fsPath, 'ledger');
}
