// The long-lived services behind every surface: settings, keys, providers, classifier, router and ledger.
// Built at activation without network or key reads; providers and keys are touched on a request's first call.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MeaningCache } from '../core/cache/meaningCache';
import { ResponseCache } from '../core/cache/responseCache';
import { UserAdaptation, type AdaptationStore } from '../core/classifier/adaptation';
import { detectSensitive } from '../core/classifier/privacy';
import { VSCODE_LM_PROVIDER } from '../core/lm/vscodeLmModel';
import { RequestClassifier, type RequestClassifierOptions } from '../core/classifier/requestClassifier';
import { systemClock, type CodeParser, type Logger, type ProviderLookup, type TextEmbedder } from '../core/ports';
import type { PoolName, TriageRequest } from '../core/request';
import { TriageRouter } from '../core/router';
import type { RouteEvent, RouteResult } from '../core/routeTypes';
import type { EditChecker } from '../core/editCheck/editDiagnostics';
import { ApiKeys } from './apiKeys';
import { CacheFileStore } from './cacheFileStore';
import { bundledSentenceEncoder } from './bundledSentenceEncoder';
import { LedgerFileStore } from './ledgerFileStore';
import { countExperimentRequests, earliestStartMs } from '../core/experiments/experiments';
import { QualityFileStore } from './qualityFileStore';
import { QualityRecorder } from '../core/quality/qualityRecorder';
import { RecentRequests } from '../core/quality/recentRequests';
import type { QualitySignalKind } from '../core/quality/qualitySignal';
import { VscodeLmProvider } from './lm/vscodeLmProvider';
import { ProviderRegistry } from './providerRegistry';
import { readSettings, type SettingsSnapshot } from './settings';

const ADAPTATION_KEY = 'triage.adaptation';
/** Longest wait for the meaning cache's embedding of a question (the classifier's Ollama budget is the same). */
const EMBED_TIMEOUT_MS = 1500;

/** A finished request, for the status bar, the spend panel and the chat. */
export interface FinishedRequest {
  readonly request: TriageRequest;
  readonly result: RouteResult;
}

/** Owns the routing machinery for one window. */
export class TriageServices implements vscode.Disposable {
  readonly keys: ApiKeys;
  readonly ledger: LedgerFileStore;
  /** The exact response cache in global storage, shared by every window. */
  readonly responseCache: ResponseCache;
  readonly adaptation: UserAdaptation;
  /** Quality signals (`quality-YYYY-MM.jsonl` beside the ledger files). */
  readonly quality: QualityFileStore;
  private readonly recorder: QualityRecorder;
  /** This window's latest answered requests, so a signal about one carries its pool, model and arm. */
  private readonly recentRequests = new RecentRequests();
  private readonly providers: ProviderRegistry;
  private readonly router: TriageRouter;
  private snapshot: SettingsSnapshot;
  private classifier: RequestClassifier | undefined;
  /** Looked up on the first request (not at activation); its worker starts on the first embedding. */
  private encoder: ReturnType<typeof bundledSentenceEncoder> | null = null;
  private readonly finished = new vscode.EventEmitter<FinishedRequest>();
  private readonly started = new vscode.EventEmitter<RouteEvent>();
  private readonly settingsChanged = new vscode.EventEmitter<SettingsSnapshot>();
  /** Fires after every request, whatever its outcome. */
  readonly onDidFinish = this.finished.event;
  /** Fires with every routing event of every request (status bar spinner). */
  readonly onRouteEvent = this.started.event;
  readonly onDidChangeSettings = this.settingsChanged.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    context: vscode.ExtensionContext,
    private readonly logger: Logger,
    codeParser: CodeParser | undefined,
  ) {
    this.snapshot = readSettings(vscode.workspace.getConfiguration('triage'));
    this.keys = new ApiKeys(context.secrets);
    this.ledger = new LedgerFileStore(path.join(context.globalStorageUri.fsPath, 'ledger'));
    this.quality = new QualityFileStore(path.join(context.globalStorageUri.fsPath, 'ledger'));
    this.recorder = new QualityRecorder(this.quality, systemClock, logger, () => this.snapshot.demo, (id) => this.recentRequests.get(id));
    // The meaning index sits in a folder inside the cache's, so Clear Response Cache removes both.
    const cacheDir = path.join(context.globalStorageUri.fsPath, 'responseCache');
    this.responseCache = new ResponseCache(new CacheFileStore(cacheDir), systemClock, logger);
    this.providers = new ProviderRegistry(() => this.snapshot.providers, this.keys, () => this.snapshot.demo, {
      [VSCODE_LM_PROVIDER]: () => new VscodeLmProvider(),
    });
    const store: AdaptationStore = {
      load: () => context.globalState.get(ADAPTATION_KEY),
      save: (state) => void context.globalState.update(ADAPTATION_KEY, state),
    };
    this.adaptation = new UserAdaptation(store, systemClock);
    this.router = new TriageRouter({
      clock: systemClock,
      logger,
      providers: this.providers,
      classify: (request, signal) => this.requestClassifier().classify(request, signal, { alreadyScanned: true }),
      detectSensitive,
      ledger: {
        append: (record) => {
          this.recentRequests.remember(record);
          return this.ledger.append(record);
        },
      },
      spend: this.ledger,
      cache: this.responseCache,
      meaning: new MeaningCache(new CacheFileStore(path.join(cacheDir, 'meaning')), this.ollamaEmbedder(), systemClock, logger),
      settings: () => this.snapshot.router,
      ...(codeParser ? { codeParser } : {}),
    });
    this.disposables.push(
      this.keys,
      this.finished,
      this.started,
      this.settingsChanged,
      this.keys.onDidChange((providerId) => {
        this.providers.forget(providerId);
        this.router.keyChanged(providerId);
      }),
      // Models other extensions offer came or went (Copilot signed in, access granted): try refused ones again.
      vscode.lm.onDidChangeChatModels(() => this.router.keyChanged(VSCODE_LM_PROVIDER)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('triage')) return;
        this.snapshot = readSettings(vscode.workspace.getConfiguration('triage'));
        this.router.keyChanged(VSCODE_LM_PROVIDER);
        this.classifier = undefined; // rebuilt with the new mode on the next request
        this.settingsChanged.fire(this.snapshot);
        void this.seedExperimentCounts();
      }),
    );
    void this.seedExperimentCounts();
  }

  /** Reads how many requests each experiment has had from the ledger, so an experiment's end count holds across restarts. */
  private async seedExperimentCounts(): Promise<void> {
    const experiments = this.snapshot.router.experiments ?? [];
    const from = earliestStartMs(experiments);
    if (from === undefined) return;
    try {
      const { records } = await this.ledger.read(from);
      this.router.seedExperimentCounts(countExperimentRequests(records, experiments));
    } catch (error) {
      this.logger.warn(`experiments: could not count requests from the ledger: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The configured providers, built on first use (for checks outside a request, such as model lists). */
  get providerLookup(): ProviderLookup {
    return this.providers;
  }

  /** The settings in force. */
  get settings(): SettingsSnapshot {
    return this.snapshot;
  }

  /** Routes one request; never throws. Fills in the configured output bound. */
  async route(request: TriageRequest, signal: AbortSignal, onEvent?: (event: RouteEvent) => void, editChecker?: EditChecker): Promise<RouteResult> {
    const bounded: TriageRequest = { maxOutputTokens: this.snapshot.maxOutputTokens, ...request };
    const result = await this.router.route(bounded, {
      signal,
      ...(editChecker ? { editChecker } : {}),
      onEvent: (event) => {
        this.started.fire(event);
        onEvent?.(event);
      },
    });
    this.logger.info(describeRoute(bounded, result));
    // Listeners reread the ledger: tell them once this request is in it.
    void this.router.whenRecorded().then(() => this.finished.fire({ request: bounded, result }));
    return result;
  }

  /** The user asked a different pool than the classifier chose: remember it (features only). */
  recordOverride(request: TriageRequest, predicted: PoolName, chosen: PoolName): void {
    if (predicted !== chosen) this.adaptation.record(request, predicted, chosen);
  }

  /**
   * What the user did with the answer to request `requestId` (features only), and what the adaptation learns from it:
   * a kept answer holds back, a rejected one pushes its kind of request one pool up from `answered`.
   */
  signal(requestId: string | undefined, kind: Exclude<QualitySignalKind, 'pool-override'>, request?: TriageRequest, answered?: PoolName): void {
    this.recorder.record(requestId, kind);
    if (!request || !answered) return;
    if (kind === 'edit-accepted' || kind === 'fix-applied' || kind === 'answer-copied' || kind === 'answer-inserted') this.adaptation.recordAcceptance(request, answered);
    else if (kind === 'edit-rejected' || kind === 'edit-undone' || kind === 'finding-dismissed') this.adaptation.recordRejection(request, answered);
  }

  /**
   * The user picked `picked` in the pool picker for a request the router served: records the override against what the
   * classifier would have chosen (the shipped model with the adaptation, synchronously), and learns the pick.
   */
  recordPick(requestId: string | undefined, request: TriageRequest, picked: PoolName): void {
    const { explicitPool: _picked, ...rest } = request;
    const predicted = this.requestClassifier().classifyEmbedded(rest, { alreadyScanned: true });
    if (predicted.sensitive || predicted.pool === picked) return;
    this.recorder.record(requestId, 'pool-override', { from: predicted.pool, to: picked });
    this.adaptation.record(rest, predicted.pool, picked, 'pick');
  }

  /** Embeddings from the first configured Ollama (the meaning cache turns itself off while that fails). */
  private ollamaEmbedder(): TextEmbedder {
    return {
      embed: async (model, texts, signal) => {
        const config = this.snapshot.providers.find((p) => p.kind === 'ollama');
        const provider = config ? await this.providers.get(config.id) : undefined;
        if (!provider?.embed) throw new Error('no Ollama provider is configured');
        // The question waits for this: a cold or busy Ollama costs at most this long (then the cache rests 10 minutes).
        return provider.embed(model, texts, AbortSignal.any([signal, AbortSignal.timeout(EMBED_TIMEOUT_MS)]));
      },
    };
  }

  /** Classifier for the current settings; the Ollama provider is looked up only in `ollama`/`auto` modes. */
  private requestClassifier(): RequestClassifier {
    if (this.classifier) return this.classifier;
    const { mode, ollamaModel, timeoutMs, margin } = this.snapshot.classifier;
    const ollamaConfig = this.snapshot.providers.find((p) => p.kind === 'ollama');
    let ollama: RequestClassifierOptions['ollama'];
    if (mode !== 'embedded' && ollamaConfig) {
      const lazy = this.providers;
      ollama = {
        provider: {
          id: ollamaConfig.id,
          isLocal: true,
          async *streamChat(call) {
            const provider = await lazy.get(ollamaConfig.id);
            if (!provider) return;
            yield* provider.streamChat(call);
          },
        },
        model: ollamaModel,
        timeoutMs,
      };
    }
    if (this.encoder === null) this.encoder = bundledSentenceEncoder();
    this.classifier = new RequestClassifier({
      mode,
      ...(this.encoder ? { encoder: { encoder: this.encoder } } : {}),
      adaptation: this.adaptation,
      logger: this.logger,
      ...(margin === undefined ? {} : { margin }),
      ...(ollama ? { ollama } : {}),
    });
    return this.classifier;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    void this.encoder?.dispose();
  }
}

// One info line per request for the log: route and attempts, never prompt text or keys.
function describeRoute(request: TriageRequest, result: RouteResult): string {
  const path = result.attempts.map((a) => `${a.model}=${a.outcome}${a.ms ? ` ${a.ms}ms` : ''}`).join(' → ') || 'no attempts';
  const why = `${result.classification.source} ${Math.round(result.classification.confidence * 100)}%`;
  return `${request.kind} → ${result.classification.pool} (${why}); ${path}; ${result.outcome}; ${result.costMicros} µ$; ${result.latencyMs} ms`;
}
