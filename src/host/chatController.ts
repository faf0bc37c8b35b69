// The chat's state and actions: sends messages through the router, streams answers, keeps the conversation.
import * as vscode from 'vscode';
import type { PoolName, TriageRequest } from '../core/request';
import type { ChatEntryView, ChatSnapshot, ChatViewToHost, HostToChatView, PoolChoice } from '../shared/protocol';
import { chatUserMessage } from '../core/prompts/chatPrompt';
import { answeredModels, answerMeta, servedPool, strongerRetry } from './answerMeta';
import { conversationOf, followedPool, lastOfThread, withoutHistory } from './chatHistory';
import { shortModel } from './statusBarText';
import type { ChatController } from './chatViewProvider';
import type { TriageServices } from './triageServices';

const STATE_KEY = 'triage.chat';
const MAX_KEPT_ENTRIES = 200;
const SEND_WITHOUT_HISTORY = 'Send without history';

interface Persisted {
  readonly entries: readonly ChatEntryView[];
  readonly pool: PoolChoice;
}

/** Owns the chat conversation for a workspace; the webview only renders it. */
export class ChatSession implements ChatController, vscode.Disposable {
  private entries: ChatEntryView[];
  private pool: PoolChoice;
  private running: AbortController | undefined;
  /** The answer being streamed, to wait for after stopping it. */
  private current: Promise<void> = Promise.resolve();
  private nextId = Date.now();
  private readonly changed = new vscode.EventEmitter<HostToChatView>();
  /** The request behind each answer and the models that answered it, for "ask a stronger model" (kept in memory only). */
  private readonly requests = new Map<
    string,
    { request: TriageRequest; predicted: PoolName; answered: readonly string[]; sensitive: boolean; questionId: string; requestId?: string; servedPool?: PoolName }
  >();
  /** Each user message as the model received it (selection included), for later turns' history (memory only). */
  private readonly sent = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly services: TriageServices,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const saved = state.get<Persisted>(STATE_KEY);
    // An answer that was streaming when the window closed is over: show it as cancelled, not spinning forever.
    // Answers restored from a reload cannot be retried (their requests were in memory): no stronger-model button.
    this.entries = (saved?.entries ?? []).map((e) => {
      const entry = e.state === 'streaming' ? { ...e, state: 'cancelled' as const } : e;
      return entry.meta?.strongerAvailable || entry.meta?.freshAvailable ? { ...entry, meta: { ...entry.meta, strongerAvailable: false, freshAvailable: false } } : entry;
    });
    this.pool = saved?.pool ?? 'auto';
    this.subscriptions.push(
      this.changed,
      vscode.window.onDidChangeTextEditorSelection(() => {
        const label = selectionLabel();
        this.push(label ? { type: 'selection', label } : { type: 'selection' });
      }),
    );
  }

  snapshot(): ChatSnapshot {
    const label = selectionLabel();
    return {
      entries: this.entries,
      pool: this.pool,
      busy: this.running !== undefined,
      ...(label ? { selectionLabel: label } : {}),
      demo: this.services.settings.demo,
    };
  }

  onDidChange(listener: (msg: HostToChatView) => void): vscode.Disposable {
    return this.changed.event(listener);
  }

  async handle(message: ChatViewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return;
      case 'send':
        this.pool = message.pool;
        return this.send(message.text, message.pool === 'auto' ? undefined : message.pool, message.attachSelection);
      case 'stop':
        this.running?.abort();
        return;
      case 'retryStronger':
        return this.retryStronger(message.entryId);
      case 'askFresh':
        return this.askFresh(message.entryId);
      case 'setPool':
        this.pool = message.pool;
        this.save();
        return;
      case 'copyCode':
        await vscode.env.clipboard.writeText(message.code);
        this.push({ type: 'status', text: 'Copied.' });
        this.used(message.entryId, 'answer-copied');
        return;
      case 'insertCode':
        await this.insertAtCursor(message.code);
        this.used(message.entryId, 'answer-inserted');
        return;
      case 'clear':
        this.running?.abort();
        this.entries = [];
        this.requests.clear();
        this.sent.clear();
        this.save();
        this.push({ type: 'snapshot', snapshot: this.snapshot() });
        return;
    }
  }

  /** The user took code from an answer: a quality signal for its request (nothing for a reloaded answer). */
  private used(entryId: string | undefined, kind: 'answer-copied' | 'answer-inserted'): void {
    const answered = entryId === undefined ? undefined : this.requests.get(entryId);
    if (answered) this.services.signal(answered.requestId, kind, answered.request, answered.servedPool);
  }

  /** Adds a finished assistant note (e.g. a review summary) to the transcript; it is not sent to models. */
  addNote(markdown: string): void {
    this.upsert({ id: this.id(), role: 'assistant', text: markdown, state: 'done', note: 'summary' });
  }

  /** Sends one message; resolves when the answer is complete, failed or cancelled. */
  async send(text: string, explicitPool: PoolName | undefined, attachSelection: boolean): Promise<void> {
    if (this.running) {
      this.push({ type: 'status', text: 'An answer is still coming; stop it first.' });
      return;
    }
    const editor = vscode.window.activeTextEditor;
    const selection = attachSelection && editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
    const followed = followedPool(this.entries, text, selection !== undefined);
    const request: TriageRequest = {
      kind: 'chat',
      instruction: text,
      conversation: conversationOf(this.entries, this.sent),
      ...(selection ? { selection, languageId: editor!.document.languageId } : {}),
      ...(explicitPool ? { explicitPool } : {}),
      ...(followed ? { followsPool: followed } : {}),
    };
    const label = selection ? selectionLabel() : undefined;
    const userId = this.id();
    // Later turns resend this turn exactly as the model saw it (selection included): the model keeps the code in view,
    // and the unchanged prefix is what providers' prompt caches match.
    this.sent.set(userId, chatUserMessage(request));
    this.upsert({ id: userId, role: 'user', text, state: 'done', ...(label ? { attachment: label } : {}) });
    await this.answer(request, userId);
  }

  private async retryStronger(entryId: string): Promise<void> {
    if (this.running) {
      this.push({ type: 'status', text: 'An answer is still coming; stop it first.' });
      return;
    }
    const previous = this.requests.get(entryId);
    const entry = this.entries.find((e) => e.id === entryId);
    if (!previous || !entry?.meta) {
      this.push({ type: 'status', text: 'That answer can no longer be retried (the window was reloaded).' });
      return;
    }
    if (previous.sensitive) {
      this.push({ type: 'status', text: 'This question holds a secret, so it stays with the local models.' });
      return;
    }
    const { pools, pricing } = this.services.settings.router;
    const retry = strongerRetry(pools, pricing.prices, { pool: entry.meta.pool, answeredBy: previous.answered });
    if (!retry) {
      this.push({ type: 'status', text: `No model stronger than ${entry.meta.model} is configured to try.` });
      return;
    }
    if (retry.pool !== entry.meta.pool) this.services.recordOverride(previous.request, previous.predicted, retry.pool);
    this.services.signal(previous.requestId, 'stronger-asked');
    const answeredBy = previous.answered.map(shortModel).join(', ');
    const note = answeredBy ? `Ask a stronger model (${retry.pool} pool or above, not ${answeredBy})` : `Ask the ${retry.pool} pool again`;
    // The retry goes with the answer it retries (after that question's last reply), not under the newest message.
    const noteId = this.id();
    this.upsert({ id: noteId, role: 'user', text: note, state: 'done', note: 'retry', replyTo: previous.questionId }, lastOfThread(this.entries, previous.questionId));
    const { explicitPool: _pool, avoidModels: _avoid, followsPool: _follows, ...rest } = previous.request;
    await this.answer({ ...rest, explicitPool: retry.pool, avoidModels: retry.avoidModels }, previous.questionId, previous.answered, noteId);
  }

  /** "Ask again fresh" under a cached answer: the same request, past the cache; its answer replaces the cached one there. */
  private async askFresh(entryId: string): Promise<void> {
    if (this.running) {
      this.push({ type: 'status', text: 'An answer is still coming; stop it first.' });
      return;
    }
    const previous = this.requests.get(entryId);
    if (!previous) {
      this.push({ type: 'status', text: 'That answer can no longer be asked again (the window was reloaded).' });
      return;
    }
    const noteId = this.id();
    this.upsert({ id: noteId, role: 'user', text: 'Asked again fresh (not from the cache)', state: 'done', note: 'retry', replyTo: previous.questionId }, lastOfThread(this.entries, previous.questionId));
    await this.answer({ ...previous.request, fresh: true }, previous.questionId, [], noteId);
  }

  /**
   * Routes `request` and streams its answer to the user message `questionId`; `answeredBefore` lists the models
   * that answered that question already (stronger retries); a new answer goes right after entry `after` when given.
   */
  private answer(request: TriageRequest, questionId: string, answeredBefore: readonly string[] = [], after?: string): Promise<void> {
    const run = this.answerNow(request, questionId, answeredBefore, after);
    this.current = run;
    return run;
  }

  /**
   * Only earlier turns hold a secret: offer to ask this question alone, so it can go to the pool's models. Clicking stops
   * the local answer still coming and asks again without the conversation (later questions still carry it).
   */
  private offerWithoutHistory(message: string, request: TriageRequest, questionId: string): void {
    void vscode.window.showInformationMessage(`Triage: ${message}`, SEND_WITHOUT_HISTORY).then(async (pick) => {
      if (pick !== SEND_WITHOUT_HISTORY) return;
      this.running?.abort();
      await this.current;
      const noteId = this.id();
      this.upsert({ id: noteId, role: 'user', text: 'Sent again without the earlier messages', state: 'done', note: 'retry', replyTo: questionId }, lastOfThread(this.entries, questionId));
      await this.answer(withoutHistory(request), questionId, [], noteId);
    });
  }

  private async answerNow(request: TriageRequest, questionId: string, answeredBefore: readonly string[], after?: string): Promise<void> {
    const id = this.id();
    let text = '';
    this.upsert({ id, role: 'assistant', text: '', state: 'streaming', replyTo: questionId }, after);
    const abort = new AbortController();
    this.running = abort;
    try {
      const result = await this.services.route(request, abort.signal, (event) => {
        if (event.type === 'delta') {
          text += event.text;
          this.push({ type: 'delta', entryId: id, text: event.text });
        } else if (event.type === 'attempt-start') {
          this.push({ type: 'status', text: `Asking ${event.model} (${event.pool})…` });
        } else if (event.type === 'notice' && event.notice.action === 'send-without-history') {
          this.offerWithoutHistory(event.notice.message, request, questionId);
        } else if (event.type === 'notice') {
          void vscode.window.showInformationMessage(`Triage: ${event.notice.message}`);
        }
      });
      const answered = answeredModels(result, answeredBefore);
      const sensitive = result.classification.sensitive;
      const { pools, pricing } = this.services.settings.router;
      // A question holding a secret stays on local models: there is nothing stronger to offer it.
      const stronger = !sensitive && strongerRetry(pools, pricing.prices, { pool: servedPool(result), answeredBy: answered }) !== undefined;
      const meta = { ...answerMeta(result, this.services.settings.demo, stronger), ...(result.cached ? { freshAvailable: true } : {}) };
      const state = result.outcome === 'ok' ? 'done' : result.outcome === 'cancelled' ? 'cancelled' : 'failed';
      this.upsert({
        id,
        role: 'assistant',
        text: result.text || text,
        state,
        meta,
        replyTo: questionId,
        ...(result.outcome === 'failed' ? { error: result.failure ?? 'The request failed.' } : {}),
      });
      this.requests.set(id, {
        request,
        predicted: result.classification.pool,
        answered,
        sensitive,
        questionId,
        ...(result.requestId ? { requestId: result.requestId } : {}),
        ...(result.servedPool ? { servedPool: result.servedPool === 'fallback' ? 'local' : result.servedPool } : {}),
      });
      // A first ask with a pool picked (not a retry's pool): the pick, against what the classifier would have said.
      if (request.explicitPool && answeredBefore.length === 0 && after === undefined && !sensitive) this.services.recordPick(result.requestId, request, request.explicitPool);
    } catch (error) {
      this.log.error(`chat: ${error instanceof Error ? error.message : String(error)}`);
      this.upsert({ id, role: 'assistant', text, state: 'failed', error: 'Triage hit an internal error; see the Triage log.', replyTo: questionId });
    } finally {
      this.running = undefined;
      this.push({ type: 'status', text: '' });
      this.push({ type: 'snapshot', snapshot: this.snapshot() });
    }
  }

  private async insertAtCursor(code: string): Promise<void> {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) {
      void vscode.window.showWarningMessage('Triage: open an editor to insert the code into.');
      return;
    }
    await editor.edit((edit) => edit.replace(editor.selection, code));
  }

  // A new entry goes right after entry `after` when given and kept, else at the end.
  private upsert(entry: ChatEntryView, after?: string): void {
    const at = this.entries.findIndex((e) => e.id === entry.id);
    const anchor = after === undefined ? -1 : this.entries.findIndex((e) => e.id === after);
    if (at >= 0) this.entries[at] = entry;
    else if (anchor >= 0) this.entries.splice(anchor + 1, 0, entry);
    else this.entries.push(entry);
    if (this.entries.length > MAX_KEPT_ENTRIES) {
      for (const dropped of this.entries.splice(0, this.entries.length - MAX_KEPT_ENTRIES)) {
        this.requests.delete(dropped.id);
        this.sent.delete(dropped.id);
      }
    }
    this.save();
    this.push(at < 0 && anchor >= 0 && after !== undefined ? { type: 'entry', entry, after } : { type: 'entry', entry });
  }

  private save(): void {
    void this.state.update(STATE_KEY, { entries: this.entries, pool: this.pool } satisfies Persisted);
  }

  private push(message: HostToChatView): void {
    this.changed.fire(message);
  }

  private id(): string {
    return `e${(this.nextId++).toString(36)}`;
  }

  dispose(): void {
    this.running?.abort();
    for (const s of this.subscriptions) s.dispose();
  }
}

// `sample.ts:1-3` for the active editor's selection, or undefined when nothing is selected.
function selectionLabel(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const name = editor.document.uri.path.split('/').pop() ?? 'selection';
  const { start, end } = editor.selection;
  return `${name}:${start.line + 1}-${end.line + 1}`;
}
