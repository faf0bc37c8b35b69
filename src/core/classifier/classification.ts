// What classifying a request produces: the pool, how sure, and why, for the router and the UI.

import type { PoolName } from '../request';

/** Where a pool decision came from. */
export type ClassificationSource = 'embedded' | 'ollama' | 'privacy' | 'user';

/** The classifier's verdict on one request. */
export interface Classification {
  /** The pool chosen after the cost-aware decision (not necessarily the most probable). */
  readonly pool: PoolName;
  /** Probability per pool; sums to 1. For `privacy` and `user` sources, all mass on `pool`. */
  readonly probabilities: Readonly<Record<PoolName, number>>;
  /** Probability of the chosen pool. */
  readonly confidence: number;
  /** Short human reason for the UI, e.g. "edit of 3 lines, mechanical rename → local". */
  readonly reason: string;
  readonly source: ClassificationSource;
  /** True when the request holds a credential or personal identifier and must stay local. */
  readonly sensitive: boolean;
  /** The pool the shipped model alone would have chosen, when the user's adaptation moved the decision away from it. */
  readonly adaptedFrom?: PoolName;
}
