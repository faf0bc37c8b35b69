// Structural features of a request: kind, sizes, code, quantities, operations, cues, scripts.

import type { TriageRequest } from '../request';
import { CUES, type Cue } from './cues';
import { PatternSet } from './patternSet';
import { splitProseAndCode } from './textAnalysis';
import { countNumbers, firstLines, lineCounts, proseStats } from './textCounts';

const BASE_NAMES = [
  'edit.mechanicalOnly',
  'kind.edit',
  'kind.review',
  'kind.chat',
  'sel.present',
  'sel.lines1to3',
  'sel.lines4to15',
  'sel.lines16to50',
  'sel.lines51plus',
  'sel.logLines',
  'sel.codeRatio',
  'lang.known',
  'words.upTo8',
  'words.9to25',
  'words.26to60',
  'words.61to150',
  'words.151plus',
  'words.log',
  'text.codeLines',
  'text.codeRatio',
  'text.fenced',
  'code.any',
  'num.none',
  'num.one',
  'num.two',
  'num.3to4',
  'num.5plus',
  'ops.symbolic',
  'ops.log',
  'qty.units',
  'qty.money',
  'q.marks',
  'q.endsWithMark',
  'q.koreanQuestion',
  'sentences.log',
  'list.inline',
  'script.hangul',
  'script.cjk',
  'script.other',
  'script.latinOnly',
  'conv.log',
  'quoted.text',
  'names.proper',
  'num.distinct3plus',
] as const;

/** Names of the structural features, in vector order. Stable keys for weights.json. */
export const STRUCTURAL_NAMES: readonly string[] = [...BASE_NAMES, ...CUES.map((cue) => `cue.${cue.name}`)];

/** Index of each structural feature by name. */
const INDEX = new Map(STRUCTURAL_NAMES.map((name, i) => [name, i]));

const UNITS =
  /\d(?:[.,]\d+)?\s?(?:%|kg\b|g\b|km\b|m\b|cm\b|mm\b|l\b|ml\b|hours?\b|hrs?\b|minutes?\b|mins?\b|seconds?\b|days?\b|weeks?\b|months?\b|years?\b|dollars?\b|cents?\b|miles?\b|kmph\b|mph\b|feet\b|ft\b|inch\w*|pounds?\b|lbs?\b|원|개|명|살|쪽|권|장|자루|마리|송이|시간|분|초|일|년|번|배|층|대|병|켤레|그루|조각|km|cm|mm|kg|m|l)/g;
const MONEY = /[$€£₩¥]\s?\d|\brs\.?\s?\d|\d\s?(?:usd|eur|won|dollars?)\b/g;
const SYMBOLIC_OPS = /\d\s*[-+*/×÷^]\s*\d/g;
const ARITH_WORDS =
  /\b(?:sum|total|difference|product|average|percent\w*|twice|half|double|triple|times|more than|less than|fewer|each|per|altogether|remaining|left|profit|loss|discount|interest|rate|ratio|share|split|divided|multiplied|added|subtracted|increase\w*|decrease\w*)\b|더하|빼|곱|나누|배|씩|남은|모두|합|차|평균|나눠|묶음/g;
/** Prose beyond this many characters adds no evidence (bounds the cost of long prompts). */
const MAX_PROSE_CHARS = 1200;
/** Cues are looked for in the head and the tail of long prose (verbs lead, questions close). */
const CUE_HEAD = 400;
const CUE_TAIL = 200;
/** Selection lines beyond this many are counted but not inspected. */
const MAX_SELECTION_LINES = 120;
/**
 * Instruction text beyond this many characters is not inspected, so a pasted log costs what a long
 * prompt does. Twice the longest training prompt (4,000), so training and inference see the same features.
 */
const MAX_INSTRUCTION_CHARS = 8000;

/** The cue regexes, tested in one pass; `cueMatches` is reused across calls (classification is synchronous). */
const CUE_SET = new PatternSet(CUES.map((cue) => cue.pattern));
const cueMatches = new Uint8Array(CUES.length);
const CUE_FEATURES = CUES.map((cue) => `cue.${cue.name}`);

const KOREAN_QUESTION = /(?:까|까요|니|나요|가요|지요|죠|냐|래|야|요|은|는|시오|세요|줘|인가)\s*[?？.]?\s*$/;
const SENTENCE_ENDS = /[.!?。？！](?:\s|$)|다\.?(?:\s|$)/g;
const INLINE_LIST = /(?:list|words|items)\s*:|,\s*\S+,\s*\S+,\s*\S+,/;
const QUOTED = /["“'‘][^"”'’\n]{12,}["”'’]/;
const PROPER_NOUN = /(?<![.!?:]\s|^|\n)\b[A-Z][a-z]+\b/g;

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text) !== null) n++;
  return n;
}

function squash(count: number, scale: number): number {
  return Math.min(1, Math.log1p(count) / Math.log1p(scale));
}

/** What feature extraction learns from the text of a request, reused for the n-grams and the reason. */
export interface RequestShape {
  /** Lower-cased prose of the instruction (code lines removed). */
  readonly prose: string;
  readonly words: number;
  readonly selectionLines: number;
  readonly codeInText: boolean;
  readonly codeInSelection: boolean;
  readonly numbers: number;
  readonly operations: number;
  /** Names of the cues that fired, e.g. `mechanicalEdit`. */
  readonly cues: ReadonlySet<string>;
}

/**
 * Computes the structural feature vector (values in [0, 1], order of STRUCTURAL_NAMES)
 * and the shape summary of a request.
 */
export function structuralFeatures(request: TriageRequest): { values: Float64Array; shape: RequestShape } {
  const values = new Float64Array(STRUCTURAL_NAMES.length);
  const set = (name: string, value: number): void => {
    const i = INDEX.get(name);
    if (i !== undefined) values[i] = value;
  };
  const instruction = request.instruction;
  const text = splitProseAndCode(instruction.length > MAX_INSTRUCTION_CHARS ? instruction.slice(0, MAX_INSTRUCTION_CHARS) : instruction);
  const prose = text.prose.slice(0, MAX_PROSE_CHARS).toLowerCase();
  const selection = request.selection ?? '';
  const selParts = selection.length > 0 ? splitProseAndCode(firstLines(selection, MAX_SELECTION_LINES)) : undefined;
  const selCounts = selection.length > 0 ? lineCounts(selection) : undefined;
  const selLines = selCounts && selCounts.lines > MAX_SELECTION_LINES ? selCounts.nonBlank : (selParts?.lines ?? 0);

  set('kind.edit', request.kind === 'edit' ? 1 : 0);
  set('kind.review', request.kind === 'review' ? 1 : 0);
  // A request through VS Code's language model API is a chat turn to the classifier (it was trained on those).
  set('kind.chat', request.kind === 'chat' || request.kind === 'lm' ? 1 : 0);
  set('sel.present', selLines > 0 ? 1 : 0);
  if (selLines > 0) {
    set(selLines <= 3 ? 'sel.lines1to3' : selLines <= 15 ? 'sel.lines4to15' : selLines <= 50 ? 'sel.lines16to50' : 'sel.lines51plus', 1);
  }
  set('sel.logLines', squash(selLines, 200));
  const selCodeRatio = selParts && selParts.lines > 0 ? selParts.codeLines / selParts.lines : 0;
  set('sel.codeRatio', selCodeRatio);
  set('lang.known', request.languageId ? 1 : 0);

  const stats = proseStats(prose);
  const hangulWords = stats.hangulRuns;
  const words = Math.max(stats.words, hangulWords);
  set(words <= 8 ? 'words.upTo8' : words <= 25 ? 'words.9to25' : words <= 60 ? 'words.26to60' : words <= 150 ? 'words.61to150' : 'words.151plus', 1);
  set('words.log', squash(words, 400));
  set('text.codeLines', squash(text.codeLines, 100));
  set('text.codeRatio', text.lines > 0 ? text.codeLines / text.lines : 0);
  set('text.fenced', text.fenced ? 1 : 0);
  const codeInText = text.codeLines >= 2 || (text.codeLines >= 1 && text.lines <= 3);
  const codeInSelection = selCodeRatio >= 0.3;
  set('code.any', codeInText || codeInSelection ? 1 : 0);

  // Every pattern below needs a digit, so prose without one skips them.
  const { count: numbers, distinct3plus } = stats.hasDigit ? countNumbers(prose) : { count: 0, distinct3plus: false };
  set(numbers === 0 ? 'num.none' : numbers === 1 ? 'num.one' : numbers === 2 ? 'num.two' : numbers <= 4 ? 'num.3to4' : 'num.5plus', 1);
  const symbolic = numbers > 0 ? countMatches(prose, SYMBOLIC_OPS) : 0;
  const operations = symbolic + (numbers > 0 ? countMatches(prose, ARITH_WORDS) : 0);
  set('ops.symbolic', squash(symbolic, 10));
  set('ops.log', squash(operations, 12));
  set('qty.units', squash(numbers > 0 ? countMatches(prose, UNITS) : 0, 10));
  set('qty.money', squash(numbers > 0 ? countMatches(prose, MONEY) : 0, 6));

  set('q.marks', squash(stats.questionMarks, 6));
  set('q.endsWithMark', stats.endsWithQuestionMark ? 1 : 0);
  set('q.koreanQuestion', hangulWords > 0 && KOREAN_QUESTION.test(firstLine(prose)) ? 1 : 0);
  set('sentences.log', squash(countMatches(prose, SENTENCE_ENDS), 30));
  set('list.inline', INLINE_LIST.test(prose) ? 1 : 0);

  const letters = stats.hangul + stats.cjk + stats.latin + stats.other;
  set('script.hangul', letters > 0 ? stats.hangul / letters : 0);
  set('script.cjk', letters > 0 ? stats.cjk / letters : 0);
  set('script.other', letters > 0 ? stats.other / letters : 0);
  set('script.latinOnly', letters > 0 && stats.latin === letters ? 1 : 0);
  set('conv.log', squash(request.conversation?.length ?? 0, 20));
  set('quoted.text', QUOTED.test(prose) ? 1 : 0);

  const properNouns = countMatches(text.prose.length > MAX_PROSE_CHARS ? text.prose.slice(0, MAX_PROSE_CHARS) : text.prose, PROPER_NOUN);
  set('names.proper', squash(properNouns, 8));
  set('num.distinct3plus', distinct3plus ? 1 : 0);

  const cues = new Set<string>();
  const cueText = prose.length > CUE_HEAD + CUE_TAIL ? `${prose.slice(0, CUE_HEAD)}\n${prose.slice(-CUE_TAIL)}` : prose;
  CUE_SET.test(cueText, cueMatches);
  for (let i = 0; i < CUES.length; i++) {
    if (cueMatches[i] === 0) continue;
    cues.add((CUES[i] as Cue).name);
    set(CUE_FEATURES[i] as string, 1);
  }
  set('edit.mechanicalOnly', request.kind === 'edit' && cues.has('mechanicalEdit') && !cues.has('logicEdit') ? 1 : 0);
  return {
    values,
    shape: { prose, words, selectionLines: selLines, codeInText, codeInSelection, numbers, operations, cues },
  };
}
