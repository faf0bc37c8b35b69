// The `redact` privacy mode: each detected secret becomes a stable placeholder before a cloud call, and comes back in the answer.

import type { AcceptedAnswer } from './cascade/answerCheck';
import type { DetectSensitiveAsync } from './privacyCheck';
import type { TriageRequest } from './request';

/** One secret and the placeholder that stands for it in everything sent. */
export interface RedactedSecret {
  readonly placeholder: string;
  readonly value: string;
  readonly kind: 'credential' | 'personal';
}

/** The request as it may leave the machine, and how to put the secrets back into what comes back. */
export interface Redaction {
  readonly request: TriageRequest;
  readonly secrets: readonly RedactedSecret[];
  /** Matches any of this redaction's placeholders (global). */
  readonly pattern: RegExp;
}

/** Rounds of scan-and-replace: replacing one finding can expose another (a row's phone beside a replaced card). */
const ROUNDS = 3;

/** Every text of the request that is sent, in the order numbering follows (oldest turn first, so numbers stay stable). */
function textsOf(request: TriageRequest): string[] {
  return [
    ...(request.conversation ?? []).map((m) => m.content),
    request.instruction,
    request.selection ?? '',
    request.aroundCursor?.before ?? '',
    request.aroundCursor?.after ?? '',
  ];
}

function withTexts(request: TriageRequest, texts: readonly string[]): TriageRequest {
  const turns = request.conversation ?? [];
  const at = (i: number) => texts[i] as string;
  const n = turns.length;
  return {
    ...request,
    ...(request.conversation ? { conversation: turns.map((m, i) => ({ ...m, content: at(i) })) } : {}),
    instruction: at(n),
    ...(request.selection === undefined ? {} : { selection: at(n + 1) }),
    ...(request.aroundCursor ? { aroundCursor: { before: at(n + 2), after: at(n + 3) } } : {}),
  };
}

/** A placeholder base no text of the request already holds, so restoring never touches the user's own words. */
function freshBase(texts: readonly string[]): string {
  for (let n = 0; ; n++) {
    const base = n === 0 ? 'REDACTED' : `REDACTED${n}`;
    if (!texts.some((t) => t.includes(`${base}_`))) return base;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every detected secret (and every other occurrence of the same value, e.g. in an earlier answer) with
 * `REDACTED_SECRET_n` / `REDACTED_PERSONAL_n`, numbered by first appearance. Undefined when a finding has no
 * position or the redacted request still holds something sensitive: then it must stay local.
 */
export async function redactRequest(request: TriageRequest, detect: DetectSensitiveAsync): Promise<Redaction | undefined> {
  let texts = textsOf(request);
  const base = freshBase(texts);
  const secrets: RedactedSecret[] = [];
  const counts = { credential: 0, personal: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const found: { value: string; kind: 'credential' | 'personal' }[] = [];
    for (const text of texts) {
      for (const f of await detect(text)) {
        if (f.start === undefined || f.end === undefined || f.end <= f.start) return undefined;
        found.push({ value: text.slice(f.start, f.end), kind: f.kind });
      }
    }
    if (found.length === 0) return secrets.length === 0 ? undefined : finish(request, texts, secrets, base);
    for (const { value, kind } of found) {
      if (secrets.some((s) => s.value === value)) continue;
      counts[kind]++;
      secrets.push({ placeholder: `${base}_${kind === 'credential' ? 'SECRET' : 'PERSONAL'}_${counts[kind]}`, value, kind });
    }
    // Longest first, so a secret that contains another is replaced whole.
    const order = [...secrets].sort((a, b) => b.value.length - a.value.length);
    texts = texts.map((t) => order.reduce((acc, s) => acc.split(s.value).join(s.placeholder), t));
  }
  for (const text of texts) if ((await detect(text)).length > 0) return undefined;
  return finish(request, texts, secrets, base);
}

function finish(request: TriageRequest, texts: readonly string[], secrets: readonly RedactedSecret[], base: string): Redaction {
  return { request: withTexts(request, texts), secrets, pattern: new RegExp(`${escape(base)}_(?:SECRET|PERSONAL)_\\d+(?!\\d)`, 'g') };
}

/** The text with every placeholder of this redaction replaced by its secret. */
export function restoreText(text: string, redaction: Redaction): string {
  return text.replace(redaction.pattern, (p) => redaction.secrets.find((s) => s.placeholder === p)?.value ?? p);
}

/** The answer with the secrets back in every text it holds (chat text, edit replacement, review messages). */
export function restoreAnswer(answer: AcceptedAnswer, redaction: Redaction): AcceptedAnswer {
  return restoreDeep(answer, redaction) as AcceptedAnswer;
}

function restoreDeep(value: unknown, redaction: Redaction): unknown {
  if (typeof value === 'string') return restoreText(value, redaction);
  if (Array.isArray(value)) return value.map((v) => restoreDeep(v, redaction));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreDeep(v, redaction)]));
  }
  return value;
}

/**
 * Restores placeholders in a stream of deltas. A placeholder can be split across deltas, so the end of the text that
 * could still be the start of one is held back until the next delta (or `flush`) shows what it is.
 */
export class StreamRestorer {
  private held = '';

  constructor(private readonly redaction: Redaction) {}

  /** Text ready to show for this delta (possibly empty). */
  push(delta: string): string {
    const text = this.held + delta;
    const cut = this.heldFrom(text);
    this.held = text.slice(cut);
    return restoreText(text.slice(0, cut), this.redaction);
  }

  /** Whatever is still held, restored: the stream ended. */
  flush(): string {
    const text = this.held;
    this.held = '';
    return restoreText(text, this.redaction);
  }

  /** Where a possibly unfinished placeholder starts at the end of `text` (its length when there is none). */
  private heldFrom(text: string): number {
    const longest = Math.max(...this.redaction.secrets.map((s) => s.placeholder.length)) + 1;
    for (let i = Math.max(0, text.length - longest); i < text.length; i++) {
      const rest = text.slice(i);
      if (this.redaction.secrets.some((s) => s.placeholder.startsWith(rest) || (rest.startsWith(s.placeholder) && /^\d*$/.test(rest.slice(s.placeholder.length))))) return i;
    }
    return text.length;
  }
}
