// The composer sends on Enter, keeps Shift+Enter for new lines, and follows the host's busy and selection state.
import * as assert from 'node:assert/strict';
import type { PoolChoice } from '../../../src/shared/protocol';
import { Composer } from '../../../src/webview/composer';
import { snapshot } from './fixtures';
import { blankPage, byTestId } from './testDom';

describe('webview/composer', () => {
  function setup() {
    const { window, document } = blankPage();
    const calls: unknown[][] = [];
    const composer = new Composer(document, {
      send: (text, pool, attach) => calls.push(['send', text, pool, attach]),
      stop: () => calls.push(['stop']),
      clear: () => calls.push(['clear']),
      setPool: (pool: PoolChoice) => calls.push(['setPool', pool]),
    });
    document.body.append(composer.element);
    const get = <T extends HTMLElement>(id: string): T => byTestId(document, id)[0] as T;
    const press = (key: string, shiftKey = false): boolean =>
      get('chat-input').dispatchEvent(new window.KeyboardEvent('keydown', { key, shiftKey, cancelable: true, bubbles: true }));
    return { window, composer, calls, get, press };
  }

  it('has every control the e2e tests use', () => {
    const { get } = setup();
    for (const id of ['chat-input', 'chat-send', 'chat-stop', 'pool-picker', 'attach-selection', 'clear']) assert.ok(get(id), id);
  });

  it('sends on Enter with the chosen pool, then empties the input', () => {
    const { get, press, calls } = setup();
    const input = get<HTMLTextAreaElement>('chat-input');
    input.value = 'why is this slow?';
    get<HTMLSelectElement>('pool-picker').value = 'coding';
    const notPrevented = press('Enter');
    assert.equal(notPrevented, false, 'Enter does not insert a newline');
    assert.deepEqual(calls, [['send', 'why is this slow?', 'coding', false]]);
    assert.equal(input.value, '');
  });

  it('leaves Shift+Enter to the textarea and ignores blank messages', () => {
    const { get, press, calls } = setup();
    get<HTMLTextAreaElement>('chat-input').value = 'line one';
    assert.equal(press('Enter', true), true);
    get<HTMLTextAreaElement>('chat-input').value = '   ';
    press('Enter');
    get('chat-send').click();
    assert.deepEqual(calls, []);
  });

  it('shows Stop and blocks sending while busy', () => {
    const { composer, get, press, calls } = setup();
    assert.equal(get('chat-stop').hidden, true);
    composer.update(snapshot({ busy: true }));
    assert.equal(get('chat-stop').hidden, false);
    assert.equal(get<HTMLButtonElement>('chat-send').disabled, true);
    get<HTMLTextAreaElement>('chat-input').value = 'queued?';
    press('Enter');
    assert.equal(get<HTMLTextAreaElement>('chat-input').value, 'queued?', 'text kept while busy');
    get('chat-stop').click();
    assert.deepEqual(calls, [['stop']]);
  });

  it('attaches the selection only when there is one', () => {
    const { composer, get, calls } = setup();
    const attach = get<HTMLInputElement>('attach-selection');
    assert.equal(attach.disabled, true);
    composer.update(snapshot({ selectionLabel: 'sample.ts:1-3' }));
    assert.equal(attach.disabled, false);
    assert.match(attach.parentElement?.textContent ?? '', /sample\.ts:1-3/);
    attach.checked = true;
    get<HTMLTextAreaElement>('chat-input').value = 'explain';
    get('chat-send').click();
    composer.update(snapshot({}));
    assert.equal(attach.checked, false, 'unchecked when the selection goes away');
    assert.deepEqual(calls, [['send', 'explain', 'auto', true]]);
  });

  it('posts pool changes and Clear, and reflects the host\'s pool', () => {
    const { window, composer, get, calls } = setup();
    const picker = get<HTMLSelectElement>('pool-picker');
    picker.value = 'local';
    picker.dispatchEvent(new window.Event('change'));
    get('clear').click();
    assert.deepEqual(calls, [['setPool', 'local'], ['clear']]);
    composer.update(snapshot({ pool: 'reasoning' }));
    assert.equal(picker.value, 'reasoning');
  });
});
