// The embedded classifier: shipped weights, features, probabilities, cost-aware pool and reason, synchronously.

import { POOLS, type TriageRequest } from '../request';
import type { Classification } from './classification';
import { decidePool, probabilityRecord } from './decision';
import { blendLogits, EncoderHead, encoderApplies, logSoftmax, parseEncoderHead, quantiseEmbedding } from './encoderHead';
import headJson from './encoderHead.json';
import { extractFeatures } from './features';
import { LinearModel, parseLinearModel, softmax } from './linearModel';
import { explainDecision } from './reason';
import weightsJson from './weights.json';

let shipped: LinearModel | undefined;
let shippedHead: EncoderHead | undefined;

/** The model trained by `npm run train`, parsed once. */
export function shippedModel(): LinearModel {
  shipped ??= new LinearModel(parseLinearModel(weightsJson));
  return shipped;
}

/** The sentence-encoder head trained with it (encoderHead.json), parsed once. */
export function shippedEncoderHead(): EncoderHead {
  shippedHead ??= new EncoderHead(parseEncoderHead(headJson));
  return shippedHead;
}

/** Options of one classification. */
export interface EmbeddedOptions {
  /** Overrides the tuned under-routing margin. */
  readonly margin?: number;
  /** Added to the logits (POOLS order), e.g. the user's adaptation. */
  readonly offsets?: ArrayLike<number>;
  /**
   * The part of `offsets` that may lower a decision (the user's picks): the decision is the higher of the pools chosen
   * with `offsets` and with these, so the rest (rejections, "ask a stronger model") can only raise it.
   */
  readonly pickOffsets?: ArrayLike<number>;
  /** The request's sentence embedding (encoderText), when the encoder answered in time: the head then joins in. */
  readonly embedding?: ArrayLike<number>;
}

/** Classifies with a linear model and the cost-aware decision; needs nothing installed. */
export class EmbeddedClassifier {
  /** Uses the shipped model and head unless others are given (tests, evaluation). */
  constructor(
    readonly model: LinearModel = shippedModel(),
    readonly head: EncoderHead = shippedEncoderHead(),
  ) {}

  /** The decision margin tuned at training time (hashed model alone). */
  get defaultMargin(): number {
    return this.model.data.decisionMargin;
  }

  /** Whether an embedding of this request would be used (the head is English: not for Hangul-majority text). */
  wantsEmbedding(request: TriageRequest): boolean {
    return this.head.data.blend > 0 && encoderApplies(request);
  }

  /**
   * Classifies a request. Without an embedding the hashed model alone decides, with its own margin; with one, the
   * head's log-probabilities are blended in and the blend's tuned margin applies.
   */
  classify(request: TriageRequest, options: EmbeddedOptions = {}): Classification {
    const features = extractFeatures(request);
    const modelLogits = this.model.logits(features);
    const blended = options.embedding !== undefined && this.wantsEmbedding(request);
    const headLogProbabilities = blended ? this.head.logProbabilities(quantiseEmbedding(options.embedding as ArrayLike<number>)) : undefined;
    const margin = options.margin ?? (blended ? this.head.data.decisionMargin : this.defaultMargin);
    const decide = (offsets: ArrayLike<number> | undefined) => {
      let logits = Float64Array.from(modelLogits);
      if (offsets) for (let i = 0; i < logits.length; i++) logits[i] = (logits[i] as number) + (offsets[i] as number);
      if (headLogProbabilities) logits = Float64Array.from(blendLogits(logSoftmax(logits), headLogProbabilities, this.head.data.blend));
      const probabilities = softmax(logits);
      return { probabilities, pool: decidePool(probabilities, margin) };
    };
    let { probabilities, pool } = decide(options.offsets);
    if (options.offsets && options.pickOffsets) {
      // Offsets shift every pool's share at once: pushing up from a rejected pool can still leave a cheaper pool with
      // the least expected loss. Those events exist to raise; the picks alone set the floor.
      const floor = decide(options.pickOffsets);
      if (POOLS.indexOf(floor.pool) > POOLS.indexOf(pool)) ({ probabilities, pool } = floor);
    }
    // The user's adaptation moved this decision when the shipped model alone would have chosen another pool: say so.
    const adapted = options.offsets && Array.from(options.offsets).some((x) => x !== 0) ? decide(undefined).pool : pool;
    const index = POOLS.indexOf(pool);
    const reason = explainDecision(features, request.kind === 'lm' ? 'chat' : request.kind, this.model.structuralReasons(features, index), pool);
    const moved = adapted !== pool ? `; moved from ${adapted} to ${pool} by your earlier choices (Triage: Reset Learned Routing undoes it)` : '';
    return {
      pool,
      probabilities: probabilityRecord(probabilities),
      confidence: probabilities[index] as number,
      reason: `${reason}${blended ? ' (with the sentence encoder)' : ''}${moved}`,
      source: 'embedded',
      sensitive: false,
      ...(adapted !== pool ? { adaptedFrom: adapted } : {}),
    };
  }
}
