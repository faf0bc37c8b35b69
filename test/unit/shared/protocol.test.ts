// The validators accept every well-formed message a webview may send and reject everything else.
import * as assert from 'node:assert/strict';
import { MAX_MESSAGE_TEXT, parseChatViewMessage, parseSpendViewMessage } from '../../../src/shared/protocol';
import type { ChatViewToHost, SpendViewToHost } from '../../../src/shared/protocol';

describe('shared/protocol: parseChatViewMessage', () => {
  const wellFormed: ChatViewToHost[] = [
    { type: 'ready' },
    { type: 'send', text: 'explain this', pool: 'auto', attachSelection: false },
    { type: 'send', text: 'x', pool: 'reasoning', attachSelection: true },
    { type: 'stop' },
    { type: 'retryStronger', entryId: 'a-1' },
    { type: 'askFresh', entryId: 'a-2' },
    { type: 'setPool', pool: 'local' },
    { type: 'setPool', pool: 'quick' },
    { type: 'setPool', pool: 'coding' },
    { type: 'copyCode', code: 'const a = 1;' },
    { type: 'insertCode', code: '' },
    { type: 'clear' },
  ];

  for (const message of wellFormed) {
    it(`accepts ${JSON.stringify(message)}`, () => {
      assert.deepEqual(parseChatViewMessage(message), message);
    });
  }

  it('covers every message type of ChatViewToHost', () => {
    const types = new Set(wellFormed.map((m) => m.type));
    const all: Record<ChatViewToHost['type'], true> = {
      ready: true, send: true, stop: true, retryStronger: true, askFresh: true, setPool: true, copyCode: true, insertCode: true, clear: true,
    };
    assert.deepEqual([...types].sort(), Object.keys(all).sort());
  });

  it('drops extra fields instead of passing them on', () => {
    assert.deepEqual(parseChatViewMessage({ type: 'stop', junk: 1 }), { type: 'stop' });
    assert.deepEqual(parseChatViewMessage({ type: 'send', text: 'hi', pool: 'auto', attachSelection: true, model: 'evil', __proto__: { x: 1 } }), {
      type: 'send', text: 'hi', pool: 'auto', attachSelection: true,
    });
    assert.deepEqual(parseChatViewMessage({ type: 'copyCode', code: 'x', extra: 'y' }), { type: 'copyCode', code: 'x' });
    assert.deepEqual(parseChatViewMessage({ type: 'insertCode', code: 'x', entryId: 'e1' }), { type: 'insertCode', code: 'x', entryId: 'e1' });
    assert.deepEqual(parseChatViewMessage({ type: 'copyCode', code: 'x', entryId: 7 }), { type: 'copyCode', code: 'x' }, 'a bad entry id is dropped, the copy still happens');
  });

  const malformed: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'ready'],
    ['a number', 42],
    ['an array', [{ type: 'ready' }]],
    ['no type', {}],
    ['an unknown type', { type: 'deleteEverything' }],
    ['a non-string type', { type: 7 }],
    ['a send without text', { type: 'send', pool: 'auto', attachSelection: false }],
    ['a send with blank text', { type: 'send', text: '  \n ', pool: 'auto', attachSelection: false }],
    ['a send with numeric text', { type: 'send', text: 5, pool: 'auto', attachSelection: false }],
    ['a send with oversize text', { type: 'send', text: 'x'.repeat(MAX_MESSAGE_TEXT + 1), pool: 'auto', attachSelection: false }],
    ['a send with an unknown pool', { type: 'send', text: 'hi', pool: 'premium', attachSelection: false }],
    ['a send with a string attachSelection', { type: 'send', text: 'hi', pool: 'auto', attachSelection: 'true' }],
    ['a retryStronger without entryId', { type: 'retryStronger' }],
    ['a retryStronger with a numeric entryId', { type: 'retryStronger', entryId: 3 }],
    ['a retryStronger with a huge entryId', { type: 'retryStronger', entryId: 'e'.repeat(500) }],
    ['an askFresh without entryId', { type: 'askFresh' }],
    ['an askFresh with a huge entryId', { type: 'askFresh', entryId: 'e'.repeat(500) }],
    ['a setPool with an unknown pool', { type: 'setPool', pool: 'gpt' }],
    ['a setPool with pool missing', { type: 'setPool' }],
    ['a copyCode without code', { type: 'copyCode' }],
    ['an insertCode with an object', { type: 'insertCode', code: { toString: 'x' } }],
    ['an insertCode with oversize code', { type: 'insertCode', code: 'y'.repeat(MAX_MESSAGE_TEXT + 1) }],
  ];

  for (const [what, value] of malformed) {
    it(`rejects ${what}`, () => {
      assert.equal(parseChatViewMessage(value), undefined);
    });
  }

  it('accepts text exactly at the size limit', () => {
    const text = 'x'.repeat(MAX_MESSAGE_TEXT);
    assert.equal(parseChatViewMessage({ type: 'send', text, pool: 'auto', attachSelection: false })?.type, 'send');
  });
});

describe('shared/protocol: parseSpendViewMessage', () => {
  const wellFormed: SpendViewToHost[] = [
    { type: 'ready' },
    { type: 'exportCsv' },
    { type: 'setRange', range: 'today' },
    { type: 'setRange', range: '7d' },
    { type: 'setRange', range: '30d' },
    { type: 'setRange', range: 'all' },
  ];

  for (const message of wellFormed) {
    it(`accepts ${JSON.stringify(message)}`, () => {
      assert.deepEqual(parseSpendViewMessage(message), message);
    });
  }

  it('drops extra fields', () => {
    assert.deepEqual(parseSpendViewMessage({ type: 'setRange', range: '30d', path: '/etc/passwd' }), { type: 'setRange', range: '30d' });
    assert.deepEqual(parseSpendViewMessage({ type: 'exportCsv', to: '/tmp/x' }), { type: 'exportCsv' });
  });

  const malformed: [string, unknown][] = [
    ['null', null],
    ['a string', 'exportCsv'],
    ['an array', []],
    ['an unknown type', { type: 'send', text: 'hi', pool: 'auto', attachSelection: false }],
    ['a setRange with an unknown range', { type: 'setRange', range: '1y' }],
    ['a setRange with a numeric range', { type: 'setRange', range: 7 }],
    ['a setRange without range', { type: 'setRange' }],
  ];

  for (const [what, value] of malformed) {
    it(`rejects ${what}`, () => {
      assert.equal(parseSpendViewMessage(value), undefined);
    });
  }
});
