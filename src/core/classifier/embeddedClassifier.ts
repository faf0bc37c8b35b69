// The embedded classifier: shipped weights, features, probabilities, cost-aware pool and reason, synchronously.

import { POOLS, type TriageRequest } from '../request';
import type { Classification } from './classification';
import { decidePool, probabilityRecord } from './decision';
import { extractFeatures } from './features';
import { LinearModel, parseLinearModel, softmax } from './linearModel';
import { explainDecision } from './reason';
import weightsJson from './weights.json';

let shipped: LinearModel | undefined;

/** The model trained by `npm run train`, parsed once. */
export function shippedModel(): LinearModel {
  shipped ??= new LinearModel(parseLinearModel(weightsJson));
  return shipped;
}

/** Classifies with a linear model and the cost-aware decision; needs nothing installed. */
export class EmbeddedClassifier {
  /** Uses the shipped model unless another is given (tests, evaluation). */
  constructor(readonly model: LinearModel = shippedModel()) {}

  /** The decision margin tuned at training time. */
  get defaultMargin(): number {
    return this.model.data.decisionMargin;
  }

  /**
   * Classifies a request. `offsets` (POOLS order) are added to the logits, e.g. the user's
   * adaptation; `margin` overrides the tuned under-routing margin.
   */
  classify(request: TriageRequest, options: { margin?: number; offsets?: ArrayLike<number> } = {}): Classification {
    const features = extractFeatures(request);
    const logits = this.model.logits(features);
    if (options.offsets) for (let i = 0; i < logits.length; i++) logits[i] = (logits[i] as number) + (options.offsets[i] as number);
    const probabilities = softmax(logits);
    const pool = decidePool(probabilities, options.margin ?? this.defaultMargin);
    const index = POOLS.indexOf(pool);
    return {
      pool,
      probabilities: probabilityRecord(probabilities),
      confidence: probabilities[index] as number,
      reason: explainDecision(features, request.kind === 'lm' ? 'chat' : request.kind, this.model.structuralReasons(features, index), pool),
      source: 'embedded',
      sensitive: false,
    };
  }
}
