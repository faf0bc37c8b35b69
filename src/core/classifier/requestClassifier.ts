// The classifier the router calls: explicit pool, then privacy, then embedded and/or Ollama per mode.

import { silentLogger, type ChatProvider, type Logger, type SentenceEncoder } from '../ports';
import { POOLS, type PoolName, type TriageRequest } from '../request';
import type { UserAdaptation } from './adaptation';
import type { Classification } from './classification';
import { decidePool, probabilityRecord } from './decision';
import { EmbeddedClassifier } from './embeddedClassifier';
import { encoderText } from './encoderHead';
import { OllamaClassifierError, OllamaPoolClassifier, type OllamaClassifierOptions, type ScheduleTimeout } from './ollamaClassifier';
import { detectSensitiveInRequest } from './privacy';

/** Which classifier decides: the shipped model, the small local model, or the model asked only when unsure. */
export type ClassifierMode = 'embedded' | 'ollama' | 'auto';

/** Below this embedded confidence, `auto` mode asks Ollama. */
export const DEFAULT_AUTO_THRESHOLD = 0.6;
/** Share of probability mass given to Ollama's answer when it is used. */
const OLLAMA_WEIGHT = 0.7;

/** How long classification waits for the sentence encoder before the hashed model decides alone. */
export const DEFAULT_ENCODER_DEADLINE_MS = 60;

/** The sentence encoder as RequestClassifier uses it: off the host thread, within a deadline. */
export interface EncoderOptions {
  readonly encoder: SentenceEncoder;
  readonly deadlineMs?: number;
  readonly scheduleTimeout?: ScheduleTimeout;
}

const systemTimeout: ScheduleTimeout = (ms, onTimeout) => {
  const handle = setTimeout(onTimeout, ms);
  return () => clearTimeout(handle);
};

/** Options of RequestClassifier; everything has a default. */
export interface RequestClassifierOptions {
  readonly mode?: ClassifierMode;
  /** Under-routing margin; default: the one tuned with the shipped weights. */
  readonly margin?: number;
  readonly autoThreshold?: number;
  /** Needed for `ollama` and `auto`; without it those modes behave as `embedded`. */
  readonly ollama?: { readonly provider: ChatProvider } & OllamaClassifierOptions;
  readonly adaptation?: UserAdaptation;
  readonly logger?: Logger;
  readonly embedded?: EmbeddedClassifier;
  /** The sentence encoder; without it (or when it is late or failing) the hashed model decides alone. */
  readonly encoder?: EncoderOptions;
}

/** Whether the caller has already run the privacy rule over the request (the router does, before classifying). */
export interface PrivacyScan {
  /** True: the request was scanned and holds nothing sensitive, so the classifier skips its own scan. */
  readonly alreadyScanned?: boolean;
}

function certain(pool: PoolName, reason: string, source: 'privacy' | 'user', sensitive: boolean): Classification {
  const probabilities = probabilityRecord(POOLS.map((p) => (p === pool ? 1 : 0)));
  return { pool, probabilities, confidence: 1, reason, source, sensitive };
}

/** Classifies requests into pools for the router. */
export class RequestClassifier {
  private readonly embedded: EmbeddedClassifier;
  private readonly ollama: OllamaPoolClassifier | undefined;
  private readonly logger: Logger;
  private readonly logged = new Set<string>();

  constructor(private readonly options: RequestClassifierOptions = {}) {
    this.embedded = options.embedded ?? new EmbeddedClassifier();
    this.ollama = options.ollama ? new OllamaPoolClassifier(options.ollama.provider, options.ollama) : undefined;
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Synchronous classification without Ollama: explicit pool, privacy rule, then the embedded
   * model with the user's adaptation and the cost-aware decision.
   */
  classifyEmbedded(request: TriageRequest, scan: PrivacyScan = {}, embedding?: ArrayLike<number>): Classification {
    if (request.explicitPool) return certain(request.explicitPool, `chosen by you → ${request.explicitPool}`, 'user', false);
    const findings = scan.alreadyScanned ? [] : detectSensitiveInRequest(request);
    if (findings.length > 0) {
      const kind = findings.some((f) => f.kind === 'credential') ? 'credential' : 'personal identifier';
      return certain('local', `holds a ${kind} → local (stays on this machine)`, 'privacy', true);
    }
    const offsets = this.options.adaptation?.offsets(request);
    const pickOffsets = this.options.adaptation?.pickOffsets(request);
    return this.embedded.classify(request, {
      ...(this.options.margin !== undefined ? { margin: this.options.margin } : {}),
      ...(offsets ? { offsets } : {}),
      ...(pickOffsets ? { pickOffsets } : {}),
      ...(embedding ? { embedding } : {}),
    });
  }

  /**
   * The embedded classification with the sentence encoder's head when the encoder answers within its deadline;
   * otherwise (late, failed, not configured, Hangul-majority text) the hashed model's answer.
   */
  async classifyWithEncoder(request: TriageRequest, scan: PrivacyScan = {}): Promise<Classification> {
    const hashed = this.classifyEmbedded(request, scan);
    const encoder = this.options.encoder;
    if (hashed.source !== 'embedded' || !encoder || !this.embedded.wantsEmbedding(request)) return hashed;
    const embedding = await this.embedWithin(encoder, encoderText(request));
    return embedding ? this.classifyEmbedded(request, { alreadyScanned: true }, embedding) : hashed;
  }

  private embedWithin(options: EncoderOptions, text: string): Promise<ArrayLike<number> | undefined> {
    return new Promise((resolve) => {
      const cancel = (options.scheduleTimeout ?? systemTimeout)(options.deadlineMs ?? DEFAULT_ENCODER_DEADLINE_MS, () => resolve(undefined));
      options.encoder.embed(text).then(
        (embedding) => {
          cancel();
          resolve(embedding);
        },
        (error: unknown) => {
          cancel();
          this.logEncoderFailure(error);
          resolve(undefined);
        },
      );
    });
  }

  private logEncoderFailure(error: unknown): void {
    if (this.logged.has('encoder')) return;
    this.logged.add('encoder');
    this.logger.warn(`Sentence encoder unavailable (${error instanceof Error ? error.message : String(error)}); the hashed classifier decides alone.`);
  }

  /**
   * Classifies per mode. Ollama being unreachable, slow or off-schema falls back to the
   * embedded answer (logged once per reason). Throws ProviderError `cancelled` if `signal` aborts.
   */
  async classify(request: TriageRequest, signal: AbortSignal, scan: PrivacyScan = {}): Promise<Classification> {
    const embedded = await this.classifyWithEncoder(request, scan);
    if (embedded.source !== 'embedded' || !this.ollama) return embedded;
    const mode = this.options.mode ?? 'embedded';
    if (mode === 'embedded') return embedded;
    if (mode === 'auto' && embedded.confidence >= (this.options.autoThreshold ?? DEFAULT_AUTO_THRESHOLD)) return embedded;
    try {
      const answer = await this.ollama.classify(request, signal);
      return this.blend(embedded, answer);
    } catch (error) {
      if (!(error instanceof OllamaClassifierError)) throw error;
      this.logOnce(error);
      return embedded;
    }
  }

  /** Records that the user overrode `predicted` with `chosen` (or retried in a stronger pool). */
  recordFeedback(request: TriageRequest, predicted: PoolName, chosen: PoolName): void {
    this.options.adaptation?.record(request, predicted, chosen);
  }

  private blend(embedded: Classification, answer: PoolName): Classification {
    const mixed = POOLS.map((p) => OLLAMA_WEIGHT * (p === answer ? 1 : 0) + (1 - OLLAMA_WEIGHT) * embedded.probabilities[p]);
    const pool = decidePool(mixed, this.options.margin ?? this.embedded.defaultMargin);
    return {
      pool,
      probabilities: probabilityRecord(mixed),
      confidence: mixed[POOLS.indexOf(pool)] as number,
      reason: `${this.ollama?.model ?? 'ollama'} says ${answer} (embedded ${embedded.pool} at ${embedded.confidence.toFixed(2)}) → ${pool}`,
      source: 'ollama',
      sensitive: false,
    };
  }

  private logOnce(error: OllamaClassifierError): void {
    if (this.logged.has(error.failure)) return;
    this.logged.add(error.failure);
    this.logger.warn(`Ollama classifier unavailable (${error.failure}: ${error.message}); using the embedded classifier.`);
  }
}
