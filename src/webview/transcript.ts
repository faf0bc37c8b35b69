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
  private readonly pending = new Map<string, { entry: ChatEntryView; after?: string }>();
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

  /**
   * Redraws one entry at the next frame; many updates before then cost one redraw. A new entry goes right after
   * entry `after` when that is shown, else at the end, and is scrolled into view even when the user had scrolled up.
   */
  update(entry: ChatEntryView, after?: string): void {
    const earlier = this.pending.get(entry.id);
    const anchor = after ?? earlier?.after;
    this.pending.set(entry.id, anchor === undefined ? { entry } : { entry, after: anchor });
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.requestFrame(() => this.flush());
  }

  private flush(): void {
    this.frameRequested = false;
    const following = this.isFollowing();
    let added: HTMLElement | undefined;
    for (const { entry, after } of this.pending.values()) added = this.insert(entry, after) ?? added;
    this.pending.clear();
    if (added && added !== this.container.lastElementChild) added.scrollIntoView?.({ block: 'nearest' });
    else if (following || added) this.scrollToEnd();
  }

  // Draws an entry; returns its node when it is new.
  private insert(entry: ChatEntryView, after?: string): HTMLElement | undefined {
    const node = this.renderEntry(entry);
    const existing = this.nodes.get(entry.id);
    this.nodes.set(entry.id, node);
    if (existing) {
      existing.replaceWith(node);
      return undefined;
    }
    this.container.querySelector('.empty-hint')?.remove();
    const anchor = after === undefined ? undefined : this.nodes.get(after);
    if (anchor) anchor.after(node);
    else this.container.append(node);
    return node;
  }

  private isFollowing(): boolean {
    const c = this.container;
    return c.scrollHeight - c.scrollTop - c.clientHeight <= FOLLOW_SLACK_PX;
  }

  private scrollToEnd(): void {
    this.container.scrollTop = this.container.scrollHeight;
  }
}
