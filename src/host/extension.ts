// Composition root: builds the host services and registers their disposables. No network, no key reads.
import { endExperiment, ledgerDirOf } from './experimentCommand';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TreeSitterParser } from '../providers/treeSitterParser';
import { ChatSession } from './chatController';
import { ChatViewProvider } from './chatViewProvider';
import { CommandIds } from './commandIds';
import { clearApiKey, setApiKey } from './keyCommands';
import { registerEditAndReview } from './editorCommands';
import { openWalkthroughOnFirstDemo } from './firstDemoWalkthrough';
import { HealthAlerts } from './healthAlerts';
import { createLog } from './log';
import { ListedModelsCheck } from './listedModelsCheck';
import { SettingsProblems } from './settingsProblems';
import { PoolsDocument } from './poolsDocument';
import { checkOllama } from './setupCommands';
import { SpendLedgerView } from './spendLedgerView';
import { SpendPanel } from './spendPanel';
import { StatusBar } from './statusBar';
import { TriageLmProvider } from './lm/triageLmProvider';
import type { TriageTestApi } from './testApi';
import { TriageServices } from './triageServices';

/** Called by VS Code on startup-finished or a contributed command; returns the test API only under the test runner. */
export function activate(context: vscode.ExtensionContext): TriageTestApi | undefined {
  const { channel: log, logger } = createLog();
  context.subscriptions.push(log);

  const parser = new TreeSitterParser(path.join(context.extensionPath, 'dist', 'wasm'), logger);
  const services = new TriageServices(context, logger, parser);
  const spend = new SpendLedgerView(services, log);
  const statusBar = new StatusBar();
  const chat = new ChatSession(services, context.workspaceState, log);
  const problems = new SettingsProblems(log);
  const listed = new ListedModelsCheck(() => services.settings, services.providerLookup, services.keys, problems, log);
  const poolsView = new PoolsDocument(() => services.settings, services.onDidChangeSettings);
  const health = new HealthAlerts(services, context.globalState, (metric) => {
    SpendPanel.show(context.extensionUri, spend, (m) => log.warn(m), metric);
    void spend.ensureLoaded();
  }, log);
  context.subscriptions.push(services, spend, statusBar, chat, poolsView, health);

  // Today's spend from the tail of this month's ledger file (read incrementally; other windows' requests included).
  const refreshToday = (): void =>
    void services.ledger.spent(Date.now()).then(
      // In demo mode the figure is the demo spend (labelled, never billed); otherwise real spend only.
      (spent) => {
        const demo = services.settings.demo;
        statusBar.setToday(demo ? (spent.demoDayMicros ?? 0) : spent.dayMicros, services.settings.router.budget.dailyMicros, demo);
      },
      (error: unknown) => log.warn(`ledger: today's spend could not be read: ${String(error)}`),
    );
  statusBar.setToday(0, services.settings.router.budget.dailyMicros, services.settings.demo);
  context.subscriptions.push(
    services.onDidFinish(refreshToday),
    services.onDidFinish(() => listed.start()),
    services.keys.onDidChange(() => listed.rerun()),
    services.onRouteEvent((event) => statusBar.onRouteEvent(event)),
    services.onDidFinish(({ request, result }) => statusBar.requestFinished(result, request)),
    services.onDidChangeSettings((snapshot) => {
      problems.report(snapshot.problems);
      listed.rerun();
      refreshToday();
    }),
    ChatViewProvider.register(context.extensionUri, chat, (m) => log.warn(m)),
    TriageLmProvider.register(services, log, context.extensionPath),
    SpendPanel.registerSerializer(context.extensionUri, spend, (m) => log.warn(m), () => void spend.ensureLoaded()),
  );
  registerEditAndReview(context, services, log, (summary) => chat.addNote(summary));
  problems.report(services.settings.problems);
  // Not under the extension-host test runner: an editor opening there would race the suites' active editor.
  const newcomerDemo = services.settings.demo && context.extensionMode !== vscode.ExtensionMode.Test;
  void openWalkthroughOnFirstDemo(newcomerDemo, context.globalState, (id) =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', id, false),
  ).catch((error: unknown) => log.warn(`walkthrough: could not open it: ${String(error)}`));
  refreshToday(); // runs after activation returns: activation waits for no I/O

  const commands: Record<Exclude<keyof typeof CommandIds, EditorCommand>, (...args: unknown[]) => unknown> = {
    openChat: () => vscode.commands.executeCommand(`${ChatViewProvider.viewType}.focus`),
    showSpend: async () => {
      SpendPanel.show(context.extensionUri, spend, (m) => log.warn(m));
      await spend.ensureLoaded();
    },
    exportLedger: () => spend.exportCsv(),
    setApiKey: (providerId) => setApiKey(services, providerId),
    clearApiKey: (providerId) => clearApiKey(services, providerId),
    checkOllama: () => checkOllama(services),
    showPools: () => poolsView.show(),
    resetLearning: () => {
      services.adaptation.reset();
      void vscode.window.showInformationMessage('Triage: learned routing preferences are reset to the shipped classifier.');
    },
    showLog: () => log.show(),
    endExperiment: () =>
      endExperiment({
        experiments: () => services.settings.router.experiments ?? [],
        ledger: services.ledger,
        ledgerDir: ledgerDirOf(context),
        demo: () => services.settings.demo,
        log: (m) => log.warn(m),
      }),
    clearCache: async () => {
      try {
        await services.responseCache.clear();
        void vscode.window.showInformationMessage('Triage: the response cache is cleared; the next requests go to the models again.');
      } catch (error) {
        log.warn(`response cache: could not clear it: ${String(error)}`);
        void vscode.window.showErrorMessage('Triage: the response cache could not be cleared; see Triage: Show Log.');
      }
    },
  };
  for (const [name, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(CommandIds[name as keyof typeof commands], handler));
  }
  context.subscriptions.push({ dispose: () => SpendPanel.disposeCurrent() });
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return { ledgerDir: path.join(context.globalStorageUri.fsPath, 'ledger'), onDidFinish: services.onDidFinish, statusBarItem: () => statusBar.shown() };
}

/** Commands registered by the edit/review module. */
type EditorCommand = 'editSelection' | 'reviewSelection' | 'clearReview' | 'acceptEdit' | 'rejectEdit' | 'cancelRequest';

/** Everything is owned by `context.subscriptions`; nothing else to release. */
export function deactivate(): void {}
