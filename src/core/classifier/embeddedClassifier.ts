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
    let logits = this.model.logits(features);
    if (options.offsets) for (let i = 0; i < logits.length; i++) logits[i] = (logits[i] as number) + (options.offsets[i] as number);
    const blended = options.embedding !== undefined && this.wantsEmbedding(request);
    if (blended) {
      const headLogProbabilities = this.head.logProbabilities(quantiseEmbedding(options.embedding as ArrayLike<number>));
      logits = blendLogits(logSoftmax(logits), headLogProbabilities, this.head.data.blend);
    }
    const probabilities = softmax(logits);
    const pool = decidePool(probabilities, options.margin ?? (blended ? this.head.data.decisionMargin : this.defaultMargin));
    const index = POOLS.indexOf(pool);
    const reason = explainDecision(features, request.kind === 'lm' ? 'chat' : request.kind, this.model.structuralReasons(features, index), pool);
    return {
      pool,
      probabilities: probabilityRecord(probabilities),
      confidence: probabilities[index] as number,
      reason: blended ? `${reason} (with the sentence encoder)` : reason,
      source: 'embedded',
      sensitive: false,
    };
  }
}
