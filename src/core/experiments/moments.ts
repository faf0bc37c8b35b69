// Running count, mean and spread of some values, mergeable: how day digests carry an experiment arm's cost and latency.

/**
 * Count, mean and sum of squared deviations of some values (Welford): enough for Welch's interval, and two of them merge
 * exactly (Chan et al.), so day digests can carry an arm's figures without keeping each request's.
 */
export interface Moments {
  readonly n: number;
  readonly mean: number;
  readonly m2: number;
}

/** No values yet. */
export const NO_MOMENTS: Moments = { n: 0, mean: 0, m2: 0 };

/** `m` with one more value `x`. */
export function addMoment(m: Moments, x: number): Moments {
  const n = m.n + 1;
  const delta = x - m.mean;
  const mean = m.mean + delta / n;
  return { n, mean, m2: m.m2 + delta * (x - mean) };
}

/** The moments of `a` and `b` together. */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

/** The moments of a list of values. */
export function momentsOf(xs: readonly number[]): Moments {
  return xs.reduce(addMoment, NO_MOMENTS);
}
