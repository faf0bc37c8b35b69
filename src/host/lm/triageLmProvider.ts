// Triage's models in VS Code's language model API (vendor `triage`): Triage Auto and one per pool, each request
// routed like the sidebar's (kind `lm`). Thin: the list, the request and every decision come from core.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { validCallerId } from '../../core/lm/callerId';
import { lmModelList, modelCapabilities } from '../../core/lm/lmModelList';
import { countedText, type LmModelId } from '../../core/lm/lmRequest';
import { LmToolLoops } from '../../core/lm/lmTurns';
import { isPoolName } from '../../core/request';
import type { TriageServices } from '../triageServices';
import { toChatMessages, toToolMode, toToolSpecs } from './lmMessages';
import { TokenCounter } from './tokenCounter';

/** The vendor in `contributes.languageModelChatProviders`. */
export const LM_VENDOR = 'triage';

/** Window assumed for a model `triage.models` gives none (Ollama's qwen2.5-coder default context is 32k). */
const DEFAULT_CONTEXT_WINDOW = 32_768;

/** Implements `vscode.LanguageModelChatProvider` over the router. */
export class TriageLmProvider implements vscode.LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when settings change: limits and capabilities follow the pools. */
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly settingsListener: vscode.Disposable;
  private readonly tokens: TokenCounter;
  /** Which model made which tool calls: the next turn of that loop goes to it first. */
  private readonly loops = new LmToolLoops();

  constructor(
    private readonly services: TriageServices,
    private readonly log: vscode.LogOutputChannel,
    extensionPath: string,
  ) {
    this.settingsListener = services.onDidChangeSettings(() => this.changed.fire());
    // Built by esbuild next to the extension bundle; started on the first count, not at activation.
    this.tokens = new TokenCounter({ workerFile: path.join(extensionPath, 'dist', 'tokenizerWorker.js'), onError: (m) => log.warn(m) });
  }

  /** Registers the provider; the returned disposable unregisters it and its listeners. */
  static register(services: TriageServices, log: vscode.LogOutputChannel, extensionPath: string): vscode.Disposable {
    const provider = new TriageLmProvider(services, log, extensionPath);
    return vscode.Disposable.from(vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider), provider);
  }

  provideLanguageModelChatInformation(): vscode.LanguageModelChatInformation[] {
    const { pools } = this.services.settings.router;
    const entries = lmModelList(pools, {
      capabilities: modelCapabilities(pools),
      defaultContextWindow: DEFAULT_CONTEXT_WINDOW,
      maxOutputTokens: this.services.settings.maxOutputTokens,
    });
    return entries.map((e) => ({
      id: e.id,
      name: e.name,
      family: e.family,
      version: '1',
      maxInputTokens: e.maxInputTokens,
      maxOutputTokens: e.maxOutputTokens,
      tooltip: e.id === 'auto' ? 'Triage classifies each request and runs the cascade of the pool it picks.' : `The ${e.id} pool's cascade: ${e.reaches.join(' → ')}`,
      detail: e.id === 'auto' ? 'routes by request' : `${e.reaches.length} model${e.reaches.length === 1 ? '' : 's'}`,
      capabilities: { toolCalling: e.toolCalling, imageInput: e.imageInput },
    }));
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const id = lmModelId(model.id);
    if (!id) throw new Error(`Triage has no model '${model.id}'.`);
    // Cancellation is the request's token only: it aborts the provider call, and the cascade never falls back after it.
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    if (token.isCancellationRequested) controller.abort();
    try {
      // VS Code names the calling extension in `requestInitiator` (not in the 1.104 types); kept only when well-formed.
      const caller = validCallerId((options as { readonly requestInitiator?: unknown }).requestInitiator);
      const tools = toToolSpecs(options.tools);
      const turn = this.loops.turn(id, toChatMessages(messages), {
        maxOutputTokens: model.maxOutputTokens,
        ...(caller ? { caller } : {}),
        ...(tools ? { tools, toolMode: toToolMode(options.toolMode) } : {}),
      });
      const result = await this.services.route(turn.request, controller.signal, (event) => {
        if (event.type === 'delta') progress.report(new vscode.LanguageModelTextPart(event.text));
        else if (event.type === 'tool-call') progress.report(new vscode.LanguageModelToolCallPart(event.callId, event.name, event.input));
        else if (event.type === 'notice') this.log.info(`lm: ${event.notice.message}`);
      });
      this.loops.settle(turn, result);
      if (result.outcome === 'cancelled') throw new vscode.CancellationError();
      if (result.outcome === 'failed') throw new Error(result.failure ?? 'Triage: no model could answer this request.');
    } finally {
      cancel.dispose();
    }
  }

  /** o200k_base counts (js-tiktoken): the encoding of the OpenAI models in the pools, close for the others. */
  provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return this.tokens.count(typeof text === 'string' ? text : countedText(toChatMessages([text])));
  }

  dispose(): void {
    this.tokens.dispose();
    this.settingsListener.dispose();
    this.changed.dispose();
  }
}

function lmModelId(id: string): LmModelId | undefined {
  return id === 'auto' || isPoolName(id) ? id : undefined;
}
