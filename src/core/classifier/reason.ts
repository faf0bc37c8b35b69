// Builds the short human reason shown with a decision, e.g. "edit of 3 lines, mechanical change → local".

import type { PoolName } from '../request';
import type { FeatureVector } from './features';

const PHRASES: Readonly<Record<string, string>> = {
  'cue.mechanicalEdit': 'mechanical change',
  'edit.mechanicalOnly': 'mechanical change',
  'cue.logicEdit': 'logic change',
  'cue.writeCode': 'asks for code',
  'cue.unitTest': 'tests',
  'cue.explainCode': 'explain code',
  'cue.outputQuestion': 'asks what code outputs',
  'cue.whatsWrong': 'find the problem',
  'cue.design': 'system design',
  'cue.designStart': 'design task',
  'cue.dataStructure': 'one component',
  'cue.tradeoff': 'trade-offs / planning',
  'cue.proof': 'proof / probability',
  'cue.logicPuzzle': 'logic puzzle',
  'cue.concurrency': 'concurrency',
  'cue.definition': 'factual question',
  'cue.howTo': 'how-to',
  'cue.translate': 'translation',
  'cue.summarise': 'rewrite / summary',
  'cue.helloWorld': 'trivial program',
  'cue.convertCode': 'conversion',
  'cue.wrongOperation': 'wrong-operation problem',
  'cue.multipleChoice': 'multiple choice',
  'cue.opinionAdvice': 'advice',
  'cue.extractClassify': 'classify / extract',
  'cue.longForm': 'detailed answer wanted',
  'cue.smallTask': 'small task',
  'cue.regexFormula': 'one-liner',
  'cue.sqlQuery': 'SQL',
  'sel.lines1to3': 'short selection',
  'sel.lines16to50': 'long selection',
  'sel.lines51plus': 'long selection',
  'script.hangul': 'Korean',
  'words.upTo8': 'short prompt',
  'words.61to150': 'long prompt',
  'words.151plus': 'long prompt',
  'code.any': 'code in prompt',
  'text.codeLines': 'code in prompt',
  'num.distinct3plus': 'several quantities',
  'ops.log': 'several operations',
  'ops.symbolic': 'arithmetic',
  'qty.units': 'quantities',
  'qty.money': 'money amounts',
  'list.inline': 'given list',
  'names.proper': 'named products',
};

/** "edit of 3 lines" / "review of 40 lines" / "question" / "chat". */
function prefix(features: FeatureVector, kind: 'edit' | 'review' | 'chat'): string {
  const lines = features.shape.selectionLines;
  if (kind !== 'chat') return lines > 0 ? `${kind} of ${lines} line${lines === 1 ? '' : 's'}` : kind;
  return features.shape.prose.includes('?') ? 'question' : 'chat';
}

/**
 * A short reason from the structural features that pushed the chosen pool most,
 * e.g. "edit of 3 lines, mechanical change → local".
 */
export function explainDecision(
  features: FeatureVector,
  kind: 'edit' | 'review' | 'chat',
  pushes: readonly { name: string; push: number }[],
  pool: PoolName,
): string {
  const phrases: string[] = [];
  for (const { name } of pushes) {
    const phrase = PHRASES[name];
    if (phrase && !phrases.includes(phrase)) phrases.push(phrase);
    if (phrases.length === 2) break;
  }
  if (features.shape.numbers >= 2 && phrases.some((p) => p.includes('operation') || p.includes('quantit'))) {
    phrases.unshift(`${features.shape.numbers} numbers`);
    phrases.splice(2);
  }
  return `${[prefix(features, kind), ...phrases].join(', ')} → ${pool}`;
}
