// A small deterministic L-BFGS minimiser with a backtracking (Armijo) line search.

/** Computes the objective at `x` and writes its gradient into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options for minimise(). */
export interface LbfgsOptions {
  readonly maxIterations: number;
  /** History size. */
  readonly memory?: number;
  /** Stop when the gradient's max-norm falls below this. */
  readonly tolerance?: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Minimises a smooth convex objective from `x0`; returns the final point. Deterministic. */
export function minimise(objective: Objective, x0: Float64Array, options: LbfgsOptions): Float64Array {
  const n = x0.length;
  const memory = options.memory ?? 8;
  const tolerance = options.tolerance ?? 1e-6;
  const x = Float64Array.from(x0);
  const grad = new Float64Array(n);
  let fx = objective(x, grad);
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const direction = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(memory);

  for (let iter = 0; iter < options.maxIterations; iter++) {
    let gmax = 0;
    for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(grad[i] as number));
    if (gmax < tolerance) break;

    for (let i = 0; i < n; i++) direction[i] = -(grad[i] as number);
    for (let k = sHist.length - 1; k >= 0; k--) {
      const a = (rhoHist[k] as number) * dot(sHist[k] as Float64Array, direction);
      alpha[k] = a;
      const y = yHist[k] as Float64Array;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) - a * (y[i] as number);
    }
    if (sHist.length > 0) {
      const last = sHist.length - 1;
      const gamma = dot(sHist[last] as Float64Array, yHist[last] as Float64Array) / dot(yHist[last] as Float64Array, yHist[last] as Float64Array);
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) * gamma;
    } else {
      const scale = 1 / Math.max(1, gmax);
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) * scale;
    }
    for (let k = 0; k < sHist.length; k++) {
      const b = (rhoHist[k] as number) * dot(yHist[k] as Float64Array, direction);
      const s = sHist[k] as Float64Array;
      const a = alpha[k] as number;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) + (a - b) * (s[i] as number);
    }

    let slope = dot(grad, direction);
    if (slope >= 0) {
      for (let i = 0; i < n; i++) direction[i] = -(grad[i] as number);
      slope = dot(grad, direction);
      sHist.length = 0;
      yHist.length = 0;
      rhoHist.length = 0;
    }
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + step * (direction[i] as number);
      fNew = objective(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) break;

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (xNew[i] as number) - (x[i] as number);
      y[i] = (gNew[i] as number) - (grad[i] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sHist.length === memory) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
      sHist.push(s);
      yHist.push(y);
      rhoHist.push(1 / sy);
    }
    const improvement = fx - fNew;
    x.set(xNew);
    grad.set(gNew);
    fx = fNew;
    if (improvement < 1e-10 * Math.max(1, Math.abs(fx))) break;
  }
  return x;
}
