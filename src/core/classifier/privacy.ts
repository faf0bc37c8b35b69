// The privacy rule: finds credentials and sensitive personal identifiers so such requests stay local.

import type { TriageRequest } from '../request';
import { LiteralTrie } from './literalTrie';
import { findPersonalIdentifiers } from './personalRules';
import { distinctChars, isPlaceholder, looksLikeCodeNotSecret } from './placeholders';
import { SECRET_RULES, type SecretRule } from './secretRules';

/** One sensitive span in a text. Offsets are UTF-16 indices into the scanned text. */
export interface SensitiveFinding {
  /** Rule id, e.g. `github-token`, `password-assignment`, `payment-card`. */
  readonly rule: string;
  readonly kind: 'credential' | 'personal';
  readonly start: number;
  readonly end: number;
}

/** Every rule keyword once, found in one pass over the lower-cased text instead of one `includes` each. */
const KEYWORDS = [...new Set(SECRET_RULES.flatMap((rule) => rule.keywords))];
const KEYWORD_TRIE = new LiteralTrie(KEYWORDS.map((text, value) => ({ text, value })));
const RULE_KEYWORDS = SECRET_RULES.map((rule) => rule.keywords.map((k) => KEYWORDS.indexOf(k)));
/** Which KEYWORDS occur in the text being scanned; reused (detection is synchronous). */
const keywordPresent = new Uint8Array(KEYWORDS.length);

function secretOf(rule: SecretRule, m: RegExpExecArray): { value: string; offset: number; quoted: boolean } | undefined {
  if (rule.group !== undefined) {
    const value = m[rule.group];
    return value === undefined ? undefined : { value, offset: m.index + m[0].indexOf(value), quoted: false };
  }
  for (let g = 1; g < m.length; g++) {
    const value = m[g];
    if (value !== undefined) return { value, offset: m.index + m[0].lastIndexOf(value), quoted: g < m.length - 1 };
  }
  return { value: m[0], offset: m.index, quoted: false };
}

function scanRule(rule: SecretRule, text: string, out: SensitiveFinding[]): void {
  rule.pattern.lastIndex = 0;
  for (let m = rule.pattern.exec(text); m !== null; m = rule.pattern.exec(text)) {
    if (m[0].length === 0) {
      rule.pattern.lastIndex++;
      continue;
    }
    const secret = secretOf(rule, m);
    if (!secret || isPlaceholder(secret.value)) continue;
    // Prose quotes optionally ("the password is 'x'"): only a quote right before the value makes it quoted.
    if (rule.id === 'password-in-prose') secret.quoted = /["'“]$/.test(text.slice(Math.max(0, secret.offset - 1), secret.offset));
    if (rule.minDistinct !== undefined && distinctChars(secret.value) < rule.minDistinct) continue;
    if (rule.assignment) {
      if (/\s/.test(secret.value) && !(secret.quoted && rule.id === 'password-assignment' && isQuotedPassphrase(m[0], secret.value))) continue;
      if (!secret.quoted && rule.id !== 'basic-auth-url' && rule.id !== 'connection-string-password' && looksLikeCodeNotSecret(secret.value)) continue;
    }
    out.push({ rule: rule.id, kind: 'credential', start: secret.offset, end: secret.offset + secret.value.length });
  }
}

/** The key ends in a password word (`DB_PASSWORD =`, not `passwordHint:`), written right before the quoted value. */
const PASSPHRASE_KEY = /(?:password|passwd|passwort|pwd|passphrase)["']?\s{0,3}(?:=|:|=>|:=|\?=)\s{0,3}["'`]$/i;
/** Words of labels, hints and messages (`"Enter your password"`, `"Wrong password, try again"`), never of a passphrase. */
const UI_WORDS = /\b(?:enter|type|your|must|invalid|please|required|characters?|password|incorrect|wrong|forgot|confirm|new|change|set|here|the|is|are|not|at least|try|again|error|show|hide)\b|[.:?!%{}]$|%s|\{\d*\}/i;

/**
 * A quoted value with spaces after a password key counts when it reads as a passphrase (2–8 plain words,
 * `"correct horse battery staple"`); a label, hint or message under a password key does not.
 */
function isQuotedPassphrase(match: string, value: string): boolean {
  const key = match.slice(0, match.lastIndexOf(value));
  if (!PASSPHRASE_KEY.test(key)) return false;
  const words = value.trim().split(/\s+/);
  return words.length >= 2 && words.length <= 8 && !UI_WORDS.test(value);
}

function scanSecrets(text: string, out: SensitiveFinding[]): void {
  keywordPresent.fill(0);
  KEYWORD_TRIE.markOccurring(text.toLowerCase(), keywordPresent);
  for (let r = 0; r < SECRET_RULES.length; r++) {
    if ((RULE_KEYWORDS[r] as number[]).some((k) => keywordPresent[k] === 1)) scanRule(SECRET_RULES[r] as SecretRule, text, out);
  }
}

/**
 * A string literal closed, then a concatenation (`+`; PHP `.`; Lua `..`; JS/Java `.concat(`; or only whitespace, as
 * Python and C join adjacent literals), and another literal opened.
 */
const CONCAT_HINT = /["'`](?:\s*(?:\+|\.\.?|\.concat\()\s*|\s+)["'`]/;
/** Two or more one-line string literals joined by concatenation operators or adjacent. */
const LITERAL_CHAIN = /(["'`])(?:(?!\1)[^\\\n])*\1(?:(?:\s*(?:\+|\.\.?|\.concat\()\s*|\s+)(["'`])(?:(?!\2)[^\\\n])*\2)+/g;
const LITERAL = /(["'`])((?:(?!\1)[^\\\n])*)\1/g;
/** A list of literals joined with an empty separator: Python `"".join(["AKIA", "…"])`, JS `["AKIA", "…"].join("")`. */
const JOIN_LIST =
  /(?:""|''|``)\.join\(\s*[[(]\s*(?:(["'`])(?:(?!\1)[^\\\n])*\1\s*,\s*)+(["'`])(?:(?!\2)[^\\\n])*\2\s*,?\s*[\])]|\[\s*(?:(["'`])(?:(?!\3)[^\\\n])*\3\s*,\s*)+(["'`])(?:(?!\4)[^\\\n])*\4\s*,?\s*\]\s*\.join\(\s*(?:""|''|``)?\s*\)/g;
/** How much of the line before a chain is scanned with it, so `password = "hun" + "ter2"` keeps its key name. */
const CHAIN_CONTEXT = 120;

/**
 * A key split across string concatenation (`"AKIA" + "…"`) is scanned joined: each chain of literals becomes one
 * literal, with the start of its line before it, and a finding in the joined part covers the whole chain.
 */
function scanConcatenations(text: string, out: SensitiveFinding[], chains: RegExp): void {
  chains.lastIndex = 0;
  for (let m = chains.exec(text); m !== null; m = chains.exec(text)) {
    const chainStart = m.index;
    const chainEnd = m.index + m[0].length;
    let joined = '';
    LITERAL.lastIndex = 0;
    for (let part = LITERAL.exec(m[0]); part !== null; part = LITERAL.exec(m[0])) joined += part[2];
    if (joined.length < 8) continue;
    const lineStart = text.lastIndexOf('\n', chainStart - 1) + 1;
    const prefix = text.slice(Math.max(lineStart, chainStart - CHAIN_CONTEXT), chainStart);
    const found: SensitiveFinding[] = [];
    scanSecrets(`${prefix}"${joined}"`, found);
    const hit = found.find((f) => f.end > prefix.length);
    if (hit) out.push({ rule: hit.rule, kind: 'credential', start: chainStart, end: chainEnd });
  }
}

/**
 * Finds credentials (provider API keys and tokens, private keys, JWTs, passwords in code, config,
 * connection strings or prose) and sensitive personal identifiers (Luhn-valid card numbers, US SSN,
 * Korean RRN, a birth date with a phone number). Placeholders such as `your_api_key`, `${TOKEN}`,
 * `changeme` or `sk-...` do not count. Synchronous and pure; findings are sorted by position and
 * overlapping findings are merged into the first.
 */
export function detectSensitive(text: string): readonly SensitiveFinding[] {
  const findings: SensitiveFinding[] = [];
  scanSecrets(text, findings);
  if (CONCAT_HINT.test(text)) scanConcatenations(text, findings, LITERAL_CHAIN);
  if (text.includes('.join(')) scanConcatenations(text, findings, JOIN_LIST);
  for (const m of findPersonalIdentifiers(text)) findings.push({ rule: m.rule, kind: 'personal', start: m.start, end: m.end });
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SensitiveFinding[] = [];
  for (const f of findings) {
    const last = merged[merged.length - 1];
    if (last && f.start < last.end) continue;
    merged.push(f);
  }
  return merged;
}

/** Every text of a request that leaves the machine: instruction, selection, code around the cursor, earlier turns. */
export function requestTexts(request: TriageRequest): string[] {
  const around = request.aroundCursor ? [request.aroundCursor.before, request.aroundCursor.after] : [];
  return [request.instruction, request.selection ?? '', ...around, ...(request.conversation ?? []).map((m) => m.content)].filter((t) => t.length > 0);
}

/** The findings of the first text of the request that holds any (empty when none does). */
export function detectSensitiveInRequest(request: TriageRequest): readonly SensitiveFinding[] {
  for (const text of requestTexts(request)) {
    const findings = detectSensitive(text);
    if (findings.length > 0) return findings;
  }
  return [];
}
