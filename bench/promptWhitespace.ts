// Issue 15's "whitespace and boilerplate outside code blocks", measured before it is built:
//   npx tsx bench/promptWhitespace.ts
// Applies the safe prose-only rewrite (trailing spaces and tabs, runs of blank lines, leading and trailing blank lines;
// never inside a fence, never to a selection) to every prompt text of the labelled sets and counts o200k tokens
// (js-tiktoken, the tokenizer provideTokenCount uses) before and after. Unfenced pasted code is common in these
// prompts, so collapsing spaces inside lines or dropping indentation would rewrite code and is not tried.

import * as path from 'node:path';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import { CANDIDATE_WRITTEN_FILES, DATA_FILES, readLabelledFile, WRITTEN_FILES } from '../src/cli/dataset';

const ranks = require('js-tiktoken/ranks/o200k_base') as TiktokenBPE;

/** The rewrite: prose lines only (outside ``` / ~~~ fences). */
export function squeezeProseWhitespace(text: string): string {
  const out: string[] = [];
  let inFence = false;
  let blanks = 0;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      out.push(line);
      blanks = 0;
      continue;
    }
    if (inFence) {
      out.push(line);
      continue;
    }
    const trimmed = line.replace(/[ \t]+$/, '');
    blanks = trimmed === '' ? blanks + 1 : 0;
    if (blanks <= 1) out.push(trimmed);
  }
  return out.join('\n').replace(/^\n+|\n+$/g, '');
}

function main(): void {
  const root = path.resolve(__dirname, '..');
  const encoder = new Tiktoken(ranks);
  const sets: [string, string[]][] = [
    ['route-public (unseen)', [DATA_FILES.public]],
    ['route-dev', [DATA_FILES.dev]],
    ['written training sets', [...WRITTEN_FILES, ...CANDIDATE_WRITTEN_FILES]],
  ];
  console.log('set | prompts | changed | o200k tokens before | after | saved');
  for (const [name, files] of sets) {
    let before = 0;
    let after = 0;
    let changed = 0;
    let n = 0;
    for (const file of files) {
      for (const record of readLabelledFile(path.join(root, file))) {
        n++;
        const squeezed = squeezeProseWhitespace(record.text);
        if (squeezed !== record.text) changed++;
        before += encoder.encode(record.text).length;
        after += encoder.encode(squeezed).length;
      }
    }
    console.log(`${name} | ${n} | ${changed} | ${before} | ${after} | ${(((before - after) / before) * 100).toFixed(2)}%`);
  }
}

if (require.main === module) main();
