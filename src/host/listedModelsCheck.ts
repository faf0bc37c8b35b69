// Once the user is past the first request (never at activation), checks the pools against the models each provider
// lists, in the background, and reports unknown names like a settings problem. Never blocks or changes routing.
import type * as vscode from 'vscode';
import { checkListedModels, providersInPools } from '../core/pools/listedModels';
import type { ProviderLookup } from '../core/ports';
import type { ApiKeys } from './apiKeys';
import type { SettingsProblems } from './settingsProblems';
import type { SettingsSnapshot } from './settings';

/** How long one provider may take to list its models before it is left unchecked. */
const LIST_TIMEOUT_MS = 10_000;

export class ListedModelsCheck {
  private started = false;
  private generation = 0;

  constructor(
    private readonly settings: () => SettingsSnapshot,
    private readonly providers: ProviderLookup,
    private readonly keys: ApiKeys,
    private readonly problems: SettingsProblems,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The first time: after a request finished. Later calls do nothing until `rerun`. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  /** Settings or a key changed: check again, if the check has started at all. */
  rerun(): void {
    if (this.started) void this.run();
  }

  private async run(): Promise<void> {
    const generation = ++this.generation;
    const snapshot = this.settings();
    if (snapshot.demo) return this.problems.report([], 'listed'); // the demo fakes answer to any name
    const pools = snapshot.router.pools;
    const local = new Set(snapshot.providers.filter((p) => p.kind === 'ollama').map((p) => p.id));
    const ids: string[] = [];
    for (const id of providersInPools(pools)) if (local.has(id) || (await this.keys.has(id))) ids.push(id);
    const report = await checkListedModels(pools, this.providers, {
      providerIds: ids,
      timeoutMs: LIST_TIMEOUT_MS,
      scheduleTimeout: (ms, onTimeout) => {
        const handle = setTimeout(onTimeout, ms);
        return () => clearTimeout(handle);
      },
    }).catch((error: unknown) => {
      this.log.warn(`model lists: check failed: ${String(error)}`);
      return undefined;
    });
    if (!report || generation !== this.generation) return; // a newer check supersedes this one
    for (const u of report.unchecked) this.log.info(`model lists: ${u.providerId} not checked (${u.reason})`);
    this.problems.report(report.problems, 'listed');
  }
}
