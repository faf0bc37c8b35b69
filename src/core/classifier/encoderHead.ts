// The sentence-encoder head: what text is embedded, int8 embeddings, a softmax over them, and its blend with the hashed model.

import { POOLS, poolRank, type PoolName, type TriageRequest } from '../request';
import { minimise } from './lbfgs';
import { splitProseAndCode } from './textAnalysis';

const CLASSES = POOLS.length;

/** Width of the Universal Sentence Encoder (lite) embedding. */
export const EMBEDDING_DIMS = 512;
/** Embeddings are stored and used as int8 times this (|value| of USE-lite stays well below 0.3). */
export const EMBEDDING_SCALE = 1 / 400;
/** The encoder sees the head and the tail of the prose: the ask leads or closes, and cost grows with length. */
const HEAD_CHARS = 400;
const TAIL_CHARS = 200;

/**
 * The text given to the sentence encoder: the instruction's prose (code lines dropped; an edit's selection is code
 * and not embedded), its head and tail when long. The same function at training and run time.
 */
export function encoderText(request: TriageRequest): string {
  const prose = splitProseAndCode(request.instruction).prose.replace(/\s+/g, ' ').trim();
  const text = prose.length > 0 ? prose : request.instruction.trim();
  return text.length > HEAD_CHARS + TAIL_CHARS ? `${text.slice(0, HEAD_CHARS)} … ${text.slice(-TAIL_CHARS)}` : text;
}

/**
 * Whether the (English) encoder is asked at all: not for text with more Hangul than Latin letters, where its
 * head lowered leave-one-source-out accuracy on Korean records (hashed model alone: better there).
 */
export function encoderApplies(request: TriageRequest): boolean {
  let hangul = 0;
  let latin = 0;
  const text = request.instruction.length > 4000 ? request.instruction.slice(0, 4000) : request.instruction;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xac00 && c <= 0xd7a3) hangul++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
  }
  return hangul <= latin;
}

/** Rounds an embedding to int8 steps of EMBEDDING_SCALE, so a cached and a fresh embedding are the same numbers. */
export function quantiseEmbedding(values: ArrayLike<number>): Int8Array {
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.max(-127, Math.min(127, Math.round((values[i] as number) / EMBEDDING_SCALE)));
  return out;
}

/** encoderHead.json: int8-range weights times `scale`, one row of EMBEDDING_DIMS per pool, and the blend. */
export interface EncoderHeadData {
  readonly format: 'triage-encoder-head-v1';
  readonly pools: readonly PoolName[];
  readonly training: Readonly<Record<string, number | string>>;
  /** Weight of the head's log-probabilities added to the hashed model's (tuned on leave-one-source-out). */
  readonly blend: number;
  /** Under-routing margin of the blended decision (the hashed model alone keeps its own). */
  readonly decisionMargin: number;
  readonly scale: number;
  readonly bias: readonly number[];
  /** POOLS order; each EMBEDDING_DIMS integers. */
  readonly weights: readonly (readonly number[])[];
}

/** Checks an unknown value is a well-formed EncoderHeadData; throws with the first problem. */
export function parseEncoderHead(value: unknown): EncoderHeadData {
  const d = value as Partial<EncoderHeadData> | null;
  if (typeof d !== 'object' || d === null || d.format !== 'triage-encoder-head-v1') throw new Error('encoder head: unknown format');
  if (!Array.isArray(d.pools) || d.pools.join() !== POOLS.join()) throw new Error('encoder head: pools differ from POOLS');
  if (typeof d.scale !== 'number' || !(d.scale > 0)) throw new Error('encoder head: bad scale');
  if (typeof d.blend !== 'number' || !(d.blend >= 0)) throw new Error('encoder head: bad blend');
  if (typeof d.decisionMargin !== 'number' || !(d.decisionMargin >= 1)) throw new Error('encoder head: bad decisionMargin');
  const finite = (row: unknown, n: number): boolean => Array.isArray(row) && row.length === n && row.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!finite(d.bias, CLASSES)) throw new Error('encoder head: bad bias');
  if (!Array.isArray(d.weights) || d.weights.length !== CLASSES || !d.weights.every((row) => finite(row, EMBEDDING_DIMS))) throw new Error('encoder head: bad weights');
  return d as EncoderHeadData;
}

/** The runtime head: log-probabilities of the pools from an int8 embedding. */
export class EncoderHead {
  private readonly w: Float64Array;
  private readonly b: Float64Array;

  constructor(readonly data: EncoderHeadData) {
    this.b = Float64Array.from(data.bias, (v) => v * data.scale);
    this.w = new Float64Array(CLASSES * EMBEDDING_DIMS);
    data.weights.forEach((row, c) => row.forEach((v, j) => (this.w[c * EMBEDDING_DIMS + j] = v * data.scale)));
  }

  /** Log-softmax of the head's scores (POOLS order). */
  logProbabilities(embedding: Int8Array): Float64Array {
    const z = Float64Array.from(this.b);
    for (let c = 0; c < CLASSES; c++) {
      let s = 0;
      for (let j = 0; j < EMBEDDING_DIMS; j++) s += (embedding[j] as number) * (this.w[c * EMBEDDING_DIMS + j] as number);
      z[c] = (z[c] as number) + s * EMBEDDING_SCALE;
    }
    return logSoftmax(z);
  }
}

/** log(softmax(z)), stable. */
export function logSoftmax(z: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i] as number);
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += Math.exp((z[i] as number) - max);
  const lse = max + Math.log(sum);
  return Float64Array.from({ length: z.length }, (_, i) => (z[i] as number) - lse);
}

/** Blended logits: the hashed model's log-probabilities plus `blend` times the head's. */
export function blendLogits(hashedLogProbabilities: ArrayLike<number>, headLogProbabilities: ArrayLike<number>, blend: number): Float64Array {
  return Float64Array.from({ length: CLASSES }, (_, c) => (hashedLogProbabilities[c] as number) + blend * (headLogProbabilities[c] as number));
}

/** One training example of the head. */
export interface HeadExample {
  readonly embedding: Int8Array;
  readonly label: PoolName;
  readonly group: string;
}

/** Hyper-parameters of the head. */
export interface HeadOptions {
  readonly l2: number;
  /** Example weight ∝ groupSize^-balance, as for the hashed model. */
  readonly balance: number;
  readonly maxIterations: number;
}

/** Chosen on leave-one-source-out (l2 1e-4 beat 1e-3 by 1–2 points once blended). */
export const DEFAULT_HEAD: HeadOptions = { l2: 0.0001, balance: 0.5, maxIterations: 200 };

/** Trains the head (L2 softmax regression, deterministic) and quantises it; blend and margin are set by the caller. */
export function trainEncoderHead(examples: readonly HeadExample[], options: HeadOptions = DEFAULT_HEAD, blend = 1, decisionMargin = 1): EncoderHeadData {
  const D = EMBEDDING_DIMS;
  const sizes = new Map<string, number>();
  for (const e of examples) sizes.set(e.group, (sizes.get(e.group) ?? 0) + 1);
  const weights = Float64Array.from(examples, (e) => Math.pow(sizes.get(e.group) as number, -options.balance));
  const total = weights.reduce((a, b) => a + b, 0);
  const xs = examples.map((e) => Float64Array.from(e.embedding, (v) => v * EMBEDDING_SCALE));
  const labels = examples.map((e) => poolRank(e.label));
  const biasOffset = CLASSES * D;
  const objective = (x: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    const z = new Float64Array(CLASSES);
    xs.forEach((row, n) => {
      for (let c = 0; c < CLASSES; c++) {
        let s = x[biasOffset + c] as number;
        const base = c * D;
        for (let j = 0; j < D; j++) s += (row[j] as number) * (x[base + j] as number);
        z[c] = s;
      }
      const lp = logSoftmax(z);
      const w = (weights[n] as number) / total;
      const label = labels[n] as number;
      loss -= w * (lp[label] as number);
      for (let c = 0; c < CLASSES; c++) {
        const g = w * (Math.exp(lp[c] as number) - (c === label ? 1 : 0));
        grad[biasOffset + c] = (grad[biasOffset + c] as number) + g;
        const base = c * D;
        for (let j = 0; j < D; j++) grad[base + j] = (grad[base + j] as number) + g * (row[j] as number);
      }
    });
    for (let i = 0; i < biasOffset; i++) {
      const xi = x[i] as number;
      loss += 0.5 * options.l2 * xi * xi;
      grad[i] = (grad[i] as number) + options.l2 * xi;
    }
    return loss;
  };
  const x = minimise(objective, new Float64Array(biasOffset + CLASSES), { maxIterations: options.maxIterations });
  let maxAbs = 0;
  for (let i = 0; i < x.length; i++) maxAbs = Math.max(maxAbs, Math.abs(x[i] as number));
  const scale = Number(((maxAbs || 1) / 127).toPrecision(6));
  const q = (v: number): number => Math.round(v / scale) + 0;
  return {
    format: 'triage-encoder-head-v1',
    pools: [...POOLS],
    training: { ...options },
    blend,
    decisionMargin,
    scale,
    bias: POOLS.map((_, c) => q(x[biasOffset + c] as number)),
    weights: POOLS.map((_, c) => Array.from(x.subarray(c * D, (c + 1) * D), q)),
  };
}
