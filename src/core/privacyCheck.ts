// Finds credentials and personal identifiers anywhere in a request, and builds the "stay local" classification.

import type { Classification } from './classifier/classification';
import { POOLS } from './request';
import type { PoolName, TriageRequest } from './request';

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

/** Scans the instruction, the selection, the code around the cursor and every conversation turn separately. */
export function checkPrivacy(request: TriageRequest, detect: DetectSensitive): PrivacyVerdict {
  const current = [request.instruction, request.selection ?? '', request.aroundCursor?.before ?? '', request.aroundCursor?.after ?? ''];
  const texts = [...current, ...(request.conversation ?? []).map((m) => m.content)];
  const kinds = new Set<'credential' | 'personal'>();
  const rules = new Set<string>();
  let inCurrent = false;
  texts.forEach((text, i) => {
    if (text === '') return;
    for (const finding of detect(text)) {
      kinds.add(finding.kind);
      rules.add(finding.rule);
      if (i < current.length) inCurrent = true;
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
