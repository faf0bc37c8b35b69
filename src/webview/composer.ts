// The chat input area: pool picker, "attach selection", the textarea (Enter sends), Send / Stop / Clear.
import type { ChatSnapshot, PoolChoice } from '../shared/protocol';
import { button, el } from './dom';

/** What the composer asks the host to do. */
export interface ComposerActions {
  send(text: string, pool: PoolChoice, attachSelection: boolean): void;
  stop(): void;
  clear(): void;
  setPool(pool: PoolChoice): void;
}

const POOLS: readonly { readonly value: PoolChoice; readonly label: string }[] = [
  { value: 'auto', label: 'Auto (cheapest that fits)' },
  { value: 'local', label: 'Local' },
  { value: 'quick', label: 'Quick' },
  { value: 'coding', label: 'Coding' },
  { value: 'reasoning', label: 'Reasoning' },
];

function isPoolChoice(value: string): value is PoolChoice {
  return POOLS.some((p) => p.value === value);
}

/** Owns the input controls; `update` reflects the host's snapshot without touching what the user is typing. */
export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly picker: HTMLSelectElement;
  private readonly attach: HTMLInputElement;
  private readonly attachLabel: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private busy = false;

  constructor(doc: Document, private readonly actions: ComposerActions) {
    this.picker = el(doc, 'select', { testId: 'pool-picker', attrs: { 'aria-label': 'Pool for the next message' } }, POOLS.map((p) => el(doc, 'option', { text: p.label, attrs: { value: p.value } })));
    this.picker.addEventListener('change', () => {
      if (isPoolChoice(this.picker.value)) actions.setPool(this.picker.value);
    });
    this.attach = el(doc, 'input', { testId: 'attach-selection', attrs: { type: 'checkbox', id: 'attach-selection' } });
    this.attachLabel = el(doc, 'span', { className: 'attach-text' });
    this.input = el(doc, 'textarea', {
      testId: 'chat-input',
      attrs: { rows: '3', placeholder: 'Ask Triage… (Enter to send, Shift+Enter for a new line)', 'aria-label': 'Message' },
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.sendButton = button(doc, 'Send', () => this.submit(), { testId: 'chat-send', className: 'primary' });
    this.stopButton = button(doc, 'Stop', () => actions.stop(), { testId: 'chat-stop' });
    this.element = el(doc, 'div', { className: 'composer' }, [
      el(doc, 'div', { className: 'composer-row' }, [
        this.picker,
        el(doc, 'label', { className: 'attach', attrs: { for: 'attach-selection' } }, [this.attach, this.attachLabel]),
      ]),
      this.input,
      el(doc, 'div', { className: 'composer-row' }, [
        this.sendButton,
        this.stopButton,
        el(doc, 'span', { className: 'spacer' }),
        button(doc, 'Clear', () => actions.clear(), { testId: 'clear', attrs: { title: 'Clear the conversation' } }),
      ]),
    ]);
    this.update({ entries: [], pool: 'auto', busy: false, demo: false });
  }

  /** Reflects the host's state: pool, busy, and whether a selection can be attached. */
  update(snapshot: ChatSnapshot): void {
    this.busy = snapshot.busy;
    this.picker.value = snapshot.pool;
    this.sendButton.disabled = snapshot.busy;
    this.stopButton.hidden = !snapshot.busy;
    const label = snapshot.selectionLabel;
    this.attach.disabled = label === undefined;
    if (label === undefined) this.attach.checked = false;
    this.attachLabel.textContent = label === undefined ? 'Attach selection (none)' : `Attach selection (${label})`;
  }

  private submit(): void {
    const text = this.input.value;
    if (this.busy || text.trim() === '') return;
    const pool = isPoolChoice(this.picker.value) ? this.picker.value : 'auto';
    this.actions.send(text, pool, this.attach.checked && !this.attach.disabled);
    this.input.value = '';
  }
}
