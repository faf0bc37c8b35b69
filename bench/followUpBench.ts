// Follow-up detection on labelled conversation pairs: is the next message a follow-up of the answer before it, or a
// new self-contained question? Compares the earlier rule (every short message follows) with `isFollowUp`.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isFollowUp, SHORT_FOLLOW_UP_WORDS } from '../src/core/conversation/followUp';
import type { Table } from './table';

/** The pair sets: each written blind (by a helper who never saw the rules), one JSON object per line. */
export const FOLLOW_UP_SETS = [
  { file: 'bench/data/followups.jsonl', note: 'rules revised after its first run: in-sample' },
  { file: 'bench/data/followups-heldout.jsonl', note: 'never looked at while writing the rules: held out' },
] as const;

interface Pair {
  readonly text: string;
  readonly followUp: boolean;
}

/** Accuracy and both error rates of one rule on one set. */
export interface FollowUpFigures {
  readonly set: string;
  readonly rule: 'short message (before)' | 'isFollowUp (now)';
  readonly pairs: number;
  readonly accuracy: number;
  /** New questions taken for follow-ups: routed no lower than the previous answer's pool (over-routing). */
  readonly newAsFollowUp: number;
  /** Follow-ups taken for new questions: classified on their own, possibly below the conversation's pool. */
  readonly followUpAsNew: number;
}

const RULES: Readonly<Record<FollowUpFigures['rule'], (text: string) => boolean>> = {
  'short message (before)': (text) => text.trim() !== '' && text.trim().split(/\s+/).length <= SHORT_FOLLOW_UP_WORDS,
  'isFollowUp (now)': (text) => isFollowUp(text, false),
};

function readPairs(file: string): Pair[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Pair);
}

/** Scores both rules on every pair set that exists under `root`. */
export function followUpBench(root: string): FollowUpFigures[] {
  return FOLLOW_UP_SETS.flatMap(({ file }) => {
    let pairs: Pair[];
    try {
      pairs = readPairs(path.join(root, file));
    } catch {
      return [];
    }
    const followUps = pairs.filter((p) => p.followUp).length;
    return Object.entries(RULES).map(([rule, test]) => {
      let right = 0;
      let newAsFollowUp = 0;
      let followUpAsNew = 0;
      for (const p of pairs) {
        const said = test(p.text);
        if (said === p.followUp) right++;
        else if (said) newAsFollowUp++;
        else followUpAsNew++;
      }
      return {
        set: path.basename(file),
        rule: rule as FollowUpFigures['rule'],
        pairs: pairs.length,
        accuracy: right / pairs.length,
        newAsFollowUp: newAsFollowUp / Math.max(1, pairs.length - followUps),
        followUpAsNew: followUpAsNew / Math.max(1, followUps),
      };
    });
  });
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The table printed by `npm run bench`. */
export function followUpTable(figures: readonly FollowUpFigures[]): Table {
  return {
    title: 'Chat follow-ups — is the next message a follow-up of the answer before it?',
    columns: [{ header: 'pair set' }, { header: 'rule' }, { header: 'pairs', align: 'right' }, { header: 'accuracy', align: 'right' }, { header: 'new question taken as follow-up', align: 'right' }, { header: 'follow-up taken as new', align: 'right' }],
    rows: figures.map((f) => [f.set, f.rule, String(f.pairs), pct(f.accuracy), pct(f.newAsFollowUp), pct(f.followUpAsNew)]),
    notes: [
      ...FOLLOW_UP_SETS.map((s) => `${path.basename(s.file)}: ${s.note}.`),
      'A new question taken as a follow-up is routed no lower than the previous answer (money); a follow-up taken as new is classified alone (it may land below the conversation).',
    ],
  };
}
