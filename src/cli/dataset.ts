// Reads route-*.jsonl records (shared schema) and maps them to TriageRequests and source groups.

import { readFileSync } from 'node:fs';
import { isPoolName, type PoolName, type RequestKind, type TriageRequest } from '../core/request';

/** One record of the shared schema; `label` and `source` are absent in unlabelled files. */
export interface RouteRecord {
  readonly id: string;
  readonly kind: RequestKind;
  readonly text: string;
  readonly selection?: string;
  readonly label?: PoolName;
  readonly source?: string;
}

/** A record with a label and a source, usable for training and evaluation. */
export interface LabelledRecord extends RouteRecord {
  readonly label: PoolName;
  readonly source: string;
}

/** Parses one JSON line into a record; throws an Error saying what is wrong. */
export function parseRecord(line: string, options: { inferKind?: (warning: string) => void } = {}): RouteRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' && typeof r.id !== 'number') throw new Error('missing "id"');
  let kind: RequestKind;
  if (r.kind === 'edit' || r.kind === 'review' || r.kind === 'chat') kind = r.kind;
  else {
    if (!options.inferKind) throw new Error('"kind" must be edit, review or chat');
    // Classifying, not training: a record without a usable kind still gets an answer, with the kind guessed.
    kind = typeof r.selection === 'string' && r.selection.trim() !== '' ? 'edit' : 'chat';
    options.inferKind(`"kind" missing or not edit/review/chat; classified as ${kind}`);
  }
  if (typeof r.text !== 'string') throw new Error('missing "text"');
  if (r.selection !== undefined && r.selection !== null && typeof r.selection !== 'string') throw new Error('"selection" must be a string');
  return {
    id: String(r.id),
    kind,
    text: r.text,
    ...(typeof r.selection === 'string' ? { selection: r.selection } : {}),
    ...(isPoolName(r.label) ? { label: r.label } : {}),
    ...(typeof r.source === 'string' ? { source: r.source } : {}),
  };
}

/** The request a record stands for: text is the instruction. */
export function recordToRequest(record: RouteRecord): TriageRequest {
  return {
    kind: record.kind,
    instruction: record.text,
    ...(record.selection !== undefined ? { selection: record.selection } : {}),
  };
}

/** Source group for leave-one-source-out: the dataset prefix; codealpaca-* are one source. */
export function sourceGroup(source: string): string {
  const prefix = source.split(':')[0] ?? source;
  return prefix.startsWith('codealpaca') ? 'codealpaca' : prefix;
}

/** Reads a labelled jsonl file; every line must parse and carry label and source. */
export function readLabelledFile(path: string): LabelledRecord[] {
  const records: LabelledRecord[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim().length === 0) return;
      const record = parseRecord(line);
      if (record.label === undefined || record.source === undefined) throw new Error(`${path}:${i + 1}: missing label or source`);
      records.push(record as LabelledRecord);
    });
  return records;
}

/**
 * The data files, relative to the repository root: dev (the specification) and the prompts we wrote are trained
 * on; real prompts from other openly licensed datasets (bench/data/route-public.md) are never trained on — they
 * measure how the classifier does on sources and styles it has not seen.
 */
export const DATA_FILES = {
  dev: 'bench/data/route-dev.jsonl',
  extra: 'bench/data/route-extra.jsonl',
  public: 'bench/data/route-public.jsonl',
} as const;

/**
 * Written training prompts in the styles editors send (bench/data/train/*.md describe them) that `npm run train`
 * trains on with dev and route-extra: the list as it stood when the shipped weights were committed (4f56400). Today
 * `npm run train -- --check` does not reproduce those weights from it (README.md, "Retraining").
 */
export const WRITTEN_FILES = [
  'bench/data/train/written-a.jsonl',
  'bench/data/train/written-b.jsonl',
  'bench/data/train/written-c.jsonl',
  'bench/data/train/written-d.jsonl',
  'bench/data/train/written-e.jsonl',
  'bench/data/train/written-f.jsonl',
  'bench/data/train/written-g.jsonl',
] as const;

/**
 * Written after the shipped weights, in styles they never saw: a candidate retrain adds them
 * (`npm run train -- --all-written`, measured in README.md and not shipped); until one ships, the shipped model has
 * never seen them. Never reported as a headline figure either way (route-public is the unseen set).
 */
export const CANDIDATE_WRITTEN_FILES = [
  'bench/data/train/written-h.jsonl',
  'bench/data/train/written-i.jsonl',
  'bench/data/train/written-j.jsonl',
] as const;

/**
 * Every record trained on besides dev, in a fixed order: the authored extras and the shipped model's written styles,
 * or with `allWritten` the candidate's too (leakage and licence checks look at both).
 */
export function readTrainingExtras(allWritten = false): LabelledRecord[] {
  return [DATA_FILES.extra, ...WRITTEN_FILES, ...(allWritten ? CANDIDATE_WRITTEN_FILES : [])].flatMap((path) => readLabelledFile(path));
}
