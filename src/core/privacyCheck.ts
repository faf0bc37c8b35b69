// Finds credentials and personal identifiers anywhere in a request, and builds the "stay local" classification.

import type { Classification } from './classifier/classification';
import { POOLS } from './request';
import type { ChatPart, PoolName, TriageRequest } from './request';

/** The part of the classifier's SensitiveFinding the router needs (positions are not kept). */
export interface SensitiveFindingLike {
  readonly rule: string;
  readonly kind: 'credential' | 'personal';
  /** Where it is in the scanned text (UTF-16 offsets); needed by the `redact` mode, which keeps a request local without them. */
  readonly start?: number;
  readonly end?: number;
}

/** Scans one text for sensitive data; implemented by the classifier's `detectSensitive`. */
export type DetectSensitive = (text: string) => readonly SensitiveFindingLike[];

/** What the scan found: only rule names and kinds, never the matched text. */
export interface PrivacyVerdict {
  readonly sensitive: boolean;
  readonly kinds: readonly ('credential' | 'personal')[];
  readonly rules: readonly string[];
  /** True when only earlier conversation turns hold it: the new instruction and selection are clean. */
  readonly onlyInHistory: boolean;
}

/** Scans one text without blocking the host: a long text in windows, yielding between them. Positions are the text's. */
export type DetectSensitiveAsync = (text: string) => Promise<readonly SensitiveFindingLike[]>;

/** Chars scanned per synchronous step: ~3 ms on this box for the slowest (string-heavy) text, well under 20 ms loaded. */
export const SCAN_WINDOW = 32 * 1024;
/** Chars before a window scanned with it: a key name, a lookbehind or a row's context starts before the secret. */
const SCAN_BEFORE = 1024;
/** Chars after a window scanned with it, so a long match starting inside (a private key block) is found whole. */
const SCAN_AFTER = 12 * 1024;

/**
 * `detect` over a long text in overlapping windows with `pause()` between them, so no single step scans more than
 * ~45k chars. A finding belongs to the window its start is in. Rules that pair distant parts of one text (a birth
 * date anywhere with a phone anywhere) pair them within a window (~45k chars) instead.
 */
export function windowedDetector(detect: DetectSensitive, pause: () => Promise<void>): DetectSensitiveAsync {
  return async (text) => {
    if (text.length <= SCAN_WINDOW + SCAN_AFTER) return detect(text);
    const found: SensitiveFindingLike[] = [];
    for (let start = 0; start < text.length; ) {
      const cut = Math.min(text.length, start + SCAN_WINDOW);
      const newline = cut === text.length ? -1 : text.lastIndexOf('\n', cut);
      const end = newline > start + SCAN_WINDOW / 2 ? newline + 1 : cut;
      const from = Math.max(0, start - SCAN_BEFORE);
      const scanEnd = Math.min(text.length, end + SCAN_AFTER);
      for (const f of detect(text.slice(from, scanEnd))) {
        const at = from + (f.start ?? start - from);
        if (f.start !== undefined && (at < start || at >= end)) continue;
        if (f.start === undefined || f.end === undefined) found.push(f);
        // A match running to where the scan stopped may go on past it (a private key block longer than SCAN_AFTER):
        // its end is not the secret's, so it has no position and redact mode keeps the request local.
        else if (from + f.end >= scanEnd && scanEnd < text.length) found.push({ rule: f.rule, kind: f.kind });
        else found.push({ ...f, start: at, end: from + f.end });
      }
      start = end;
      if (start < text.length) await pause();
    }
    return found;
  };
}

/** Scans the instruction, the selection, the code around the cursor, every part and every conversation turn separately. */
export function checkPrivacy(request: TriageRequest, detect: DetectSensitive): PrivacyVerdict {
  const texts = privacyTexts(request);
  return verdictOf(texts.all.map((text) => (text === '' ? [] : detect(text))), texts.current);
}

/** `checkPrivacy` with each long text scanned in windows across ticks. */
export async function checkPrivacyAsync(request: TriageRequest, detect: DetectSensitiveAsync): Promise<PrivacyVerdict> {
  const texts = privacyTexts(request);
  const found: (readonly SensitiveFindingLike[])[] = [];
  for (const text of texts.all) found.push(text === '' ? [] : await detect(text));
  return verdictOf(found, texts.current);
}

/**
 * The texts a request sends: first those of the new message (instruction, selection, around the cursor, its parts),
 * then history. Parts are scanned as sent: tool results, tool-call arguments, and text parts too (adapters send a
 * message's parts, not its `content`, so a redacted `content` does not make its parts clean).
 */
function privacyTexts(request: TriageRequest): { readonly all: string[]; readonly current: number } {
  const current = [
    request.instruction,
    request.selection ?? '',
    request.aroundCursor?.before ?? '',
    request.aroundCursor?.after ?? '',
    ...partTexts(request.parts),
  ];
  const history = (request.conversation ?? []).flatMap((m) => [m.content, ...partTexts(m.parts)]);
  return { all: [...current, ...history], current: current.length };
}

function partTexts(parts: readonly ChatPart[] | undefined): string[] {
  return (parts ?? []).flatMap((p) => {
    if (p.type === 'text') return [p.text];
    if (p.type === 'tool-result') return [p.content];
    if (p.type === 'tool-call') return [JSON.stringify(p.input)];
    return [];
  });
}

function verdictOf(found: readonly (readonly SensitiveFindingLike[])[], currentTexts: number): PrivacyVerdict {
  const kinds = new Set<'credential' | 'personal'>();
  const rules = new Set<string>();
  let inCurrent = false;
  found.forEach((findings, i) => {
    for (const finding of findings) {
      kinds.add(finding.kind);
      rules.add(finding.rule);
      if (i < currentTexts) inCurrent = true;
    }
  });
  return { sensitive: kinds.size > 0, kinds: [...kinds], rules: [...rules], onlyInHistory: kinds.size > 0 && !inCurrent };
}

/** "a credential", "a personal identifier" or both, for messages. */
export function describeSensitive(kinds: readonly ('credential' | 'personal')[]): string {
  const words = kinds.map((k) => (k === 'credential' ? 'a credential' : 'a personal identifier'));
  return words.length === 0 ? 'sensitive data' : words.join(' and ');
}

/** All probability on one pool. */
export function certain(pool: PoolName): Readonly<Record<PoolName, number>> {
  return Object.fromEntries(POOLS.map((p) => [p, p === pool ? 1 : 0])) as Record<PoolName, number>;
}

/** The classification of a sensitive request: local, decided by the privacy rule. */
export function privacyClassification(verdict: PrivacyVerdict): Classification {
  return {
    pool: 'local',
    probabilities: certain('local'),
    confidence: 1,
    reason: `contains ${describeSensitive(verdict.kinds)} → kept on this machine`,
    source: 'privacy',
    sensitive: true,
  };
}

/** The classification when the user picked the pool. */
export function userClassification(pool: PoolName): Classification {
  return { pool, probabilities: certain(pool), confidence: 1, reason: `${pool} pool chosen by you`, source: 'user', sensitive: false };
}
