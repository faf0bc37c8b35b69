// Keeps the transcript's DOM in step with the entries; streaming redraws are batched to one per animation frame.
import type { ChatEntryView } from '../shared/protocol';
import { el } from './dom';

/** Builds one entry's element. */
export type EntryRenderer = (entry: ChatEntryView) => HTMLElement;
/** Runs a callback before the next paint (`requestAnimationFrame` in the webview). */
export type FrameScheduler = (callback: () => void) => void;

/** How close to the bottom (px) still counts as "following" the stream. */
const FOLLOW_SLACK_PX = 40;

/** The scrolling list of entries. */
export class Transcript {
  private readonly nodes = new Map<string, HTMLElement>();
  private readonly pending = new Map<string, ChatEntryView>();
  private frameRequested = false;

  constructor(
    private readonly doc: Document,
    private readonly container: HTMLElement,
    private readonly renderEntry: EntryRenderer,
    private readonly requestFrame: FrameScheduler,
  ) {}

  /** Replaces everything (a snapshot). */
  showAll(entries: readonly ChatEntryView[]): void {
    this.pending.clear();
    this.nodes.clear();
    const following = this.isFollowing();
    this.container.replaceChildren();
    if (entries.length === 0) {
      this.container.append(
        el(this.doc, 'p', { className: 'empty-hint', text: 'Ask about your code. Triage sends it to the cheapest pool that does it well.' }),
      );
    }
    for (const entry of entries) this.insert(entry);
    if (following) this.scrollToEnd();
  }

  /** Redraws one entry at the next frame; many updates before then cost one redraw. */
  update(entry: ChatEntryView): void {
    this.pending.set(entry.id, entry);
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.requestFrame(() => this.flush());
  }

  private flush(): void {
    this.frameRequested = false;
    const following = this.isFollowing();
    for (const entry of this.pending.values()) this.insert(entry);
    this.pending.clear();
    if (following) this.scrollToEnd();
  }

  private insert(entry: ChatEntryView): void {
    const node = this.renderEntry(entry);
    const existing = this.nodes.get(entry.id);
    if (existing) {
      existing.replaceWith(node);
    } else {
      this.container.querySelector('.empty-hint')?.remove();
      this.container.append(node);
    }
    this.nodes.set(entry.id, node);
  }

  private isFollowing(): boolean {
    const c = this.container;
    return c.scrollHeight - c.scrollTop - c.clientHeight <= FOLLOW_SLACK_PX;
  }

  private scrollToEnd(): void {
    this.container.scrollTop = this.container.scrollHeight;
  }
}
