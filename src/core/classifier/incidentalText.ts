// Where a request's words only name things: commit-style edit subjects and passages pasted inline to be transformed.

/** In a one-line edit subject these name what is touched (a thread pool, a test, SQL), not how hard the change is. */
const INCIDENTAL = /\b(?:instead of|threads?|tests?|sql|locks?|transactions?|parallel)\b/g;
/** Asks that transform a passage given with them; its numbers and words are the passage's, not the ask's. */
const TRANSFORM_ASK =
  /\b(?:rewrite|re-?write|rephrase|paraphrase|reword|proofread|correct|fix (?:the |my )?(?:grammar|spelling|typos?|punctuation)|grammar|translate|summari[sz]e|capitali[sz]e|formal(?:ly)?|informal|polite|tone|first person|third person|passive voice|active voice|citation|apa|mla|shorten|condense|simplify|make (?:it|this) (?:sound|more|less))\b|번역|요약|고쳐|다듬|바꿔/;
const MIN_PASSAGE_WORDS = 10;
const MAX_ASK_WORDS = 20;
const QUOTED_PASSAGE = /["“][^"”]{40,}["”]/g;

function wordCount(text: string): number {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

/** A one-line, short, non-question instruction on a selection: how commit subjects read. */
export function isCommitSubject(kind: string, hasSelection: boolean, prose: string, words: number): boolean {
  return kind === 'edit' && hasSelection && words <= 14 && !prose.trim().includes('\n') && !prose.includes('?');
}

/** The subject with its incidental words blanked out. */
export function withoutIncidentalWords(prose: string): string {
  return prose.replace(INCIDENTAL, ' ');
}

/**
 * The ask of a prompt that transforms an inline passage (`rewrite this formally:\n…`, `fix the grammar: …`,
 * `translate "…" into French`), or undefined when the prompt is not one. Lower-cased prose in, ask out.
 */
export function transformAsk(prose: string): string | undefined {
  const quoted = prose.replace(QUOTED_PASSAGE, ' ');
  if (quoted !== prose && TRANSFORM_ASK.test(quoted) && wordCount(quoted) <= MAX_ASK_WORDS) return quoted;
  const newline = prose.indexOf('\n');
  const colon = prose.indexOf(':');
  const cut = [newline, colon].filter((i) => i > 0).sort((a, b) => a - b)[0];
  if (cut === undefined) return undefined;
  const ask = prose.slice(0, cut);
  const rest = prose.slice(cut + 1);
  if (wordCount(ask) > MAX_ASK_WORDS || wordCount(rest) < MIN_PASSAGE_WORDS || !TRANSFORM_ASK.test(ask)) return undefined;
  // A question after the passage is an ask of its own (a word problem), so the passage is not merely transformed.
  if (/\?\s*$/.test(rest) && !/\?\s*$/.test(ask)) return undefined;
  return ask;
}
