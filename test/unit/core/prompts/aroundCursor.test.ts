// Edit with no selection inserts at the cursor; the prompt carries the code around it, bounded, marked, as context.
import * as assert from 'node:assert/strict';
import { aroundCursor } from '../../../../src/core/prompts/aroundCursor';
import { buildEditPrompt, CURSOR, EDIT_SYSTEM } from '../../../../src/core/prompts/editPrompt';

const FILE = 'export function add(a: number, b: number) {\n  return a + b;\n}\n\n\nexport function mean(xs: number[]) {\n  return 0;\n}\n';

describe('core: edit at the cursor', () => {
  it('takes the code before and after the cursor', () => {
    const offset = FILE.indexOf('\n\nexport function mean') + 1;
    const { before, after } = aroundCursor(FILE, offset);
    assert.equal(before + after, FILE);
    assert.ok(before.endsWith('}\n\n') && after.startsWith('\nexport function mean'));
  });

  it('bounds each side to whole lines (40 before, 15 after)', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n');
    const offset = lines.indexOf('line 100');
    const { before, after } = aroundCursor(lines, offset);
    assert.equal(before.split('\n')[0], 'line 61'); // 40 lines counting the cursor's own
    assert.equal(after.split('\n').at(-1), 'line 115');
    const long = `${'x'.repeat(9000)}\n${'y'.repeat(100)}\n`;
    assert.ok(aroundCursor(long, long.length).before.length <= 4000);
  });

  it('sends the surrounding code with a cursor marker and asks for the new code only', () => {
    const offset = FILE.indexOf('\n\nexport function mean') + 1;
    const prompt = buildEditPrompt({
      kind: 'edit', instruction: 'add a median function here', selection: '', languageId: 'typescript',
      aroundCursor: aroundCursor(FILE, offset),
    });
    const text = prompt.messages[0]!.content;
    assert.match(text, /There is no selection: reply with the code to insert at the cursor\./);
    assert.ok(text.includes(`}\n\n${CURSOR}\nexport function mean`), text);
    assert.match(EDIT_SYSTEM, /With no selection, the block holds only the new code to insert/);
  });
});
