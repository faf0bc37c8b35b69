// Recording rules: one signal per action, once where a repeat says nothing new, nothing without a request id, never thrown.

import { strict as assert } from 'node:assert';
import type { QualitySink } from '../../../../src/core/ports';
import { QualityRecorder } from '../../../../src/core/quality/qualityRecorder';
import type { QualitySignal } from '../../../../src/core/quality/qualitySignal';
import { RecentRequests } from '../../../../src/core/quality/recentRequests';
import { record } from '../ledger/ledgerFixtures';

class MemorySink implements QualitySink {
  readonly signals: QualitySignal[] = [];
  fail = false;
  append(signal: QualitySignal): Promise<void> {
    if (this.fail) return Promise.reject(new Error('disk full'));
    this.signals.push(signal);
    return Promise.resolve();
  }
}

const clock = { now: () => Date.UTC(2026, 11, 4, 7) };

describe('QualityRecorder', () => {
  it('writes each action with its time and request id; a copy or an override only once per request', async () => {
    const sink = new MemorySink();
    const recorder = new QualityRecorder(sink, clock, { info() {}, warn() {}, error() {} });
    recorder.record('req-0001', 'answer-copied');
    recorder.record('req-0001', 'answer-copied');
    recorder.record('req-0001', 'stronger-asked');
    recorder.record('req-0002', 'pool-override', { from: 'quick', to: 'coding' });
    recorder.record('req-0002', 'pool-override', { from: 'quick', to: 'coding' });
    recorder.record('req-0003', 'edit-rejected');
    recorder.record('req-0003', 'edit-rejected');
    await recorder.whenWritten();
    assert.deepEqual(sink.signals.map((s) => [s.id, s.signal]), [
      ['req-0001', 'answer-copied'],
      ['req-0001', 'stronger-asked'],
      ['req-0002', 'pool-override'],
      ['req-0003', 'edit-rejected'],
      ['req-0003', 'edit-rejected'],
    ]);
    assert.equal(sink.signals[0]?.time, '2026-12-04T07:00:00.000Z');
    assert.deepEqual([sink.signals[2]?.from, sink.signals[2]?.to], ['quick', 'coding']);
  });

  it('records nothing for a request without an id, or an override to the same pool; marks demo signals', async () => {
    const sink = new MemorySink();
    const recorder = new QualityRecorder(sink, clock, { info() {}, warn() {}, error() {} }, () => true);
    assert.equal(recorder.record(undefined, 'edit-accepted'), undefined);
    assert.equal(recorder.record('req-0004', 'pool-override', { from: 'coding', to: 'coding' }), undefined);
    recorder.record('req-0004', 'fix-applied');
    await recorder.whenWritten();
    assert.deepEqual(sink.signals.map((s) => [s.signal, s.demo]), [['fix-applied', true]]);
  });

  it('logs a failed write and keeps recording', async () => {
    const sink = new MemorySink();
    const warnings: string[] = [];
    const recorder = new QualityRecorder(sink, clock, { info() {}, warn: (m) => warnings.push(m), error() {} });
    sink.fail = true;
    recorder.record('req-0005', 'edit-accepted');
    await recorder.whenWritten();
    sink.fail = false;
    recorder.record('req-0006', 'edit-accepted');
    await recorder.whenWritten();
    assert.deepEqual(warnings, ['quality: could not record edit-accepted: disk full']);
    assert.deepEqual(sink.signals.map((s) => s.id), ['req-0006']);
  });

  it('writes the request a signal is about when this window answered it lately, and nothing about older ones', async () => {
    const sink = new MemorySink();
    const recent = new RecentRequests(2);
    const recorder = new QualityRecorder(sink, clock, { info() {}, warn() {}, error() {} }, () => false, (id) => recent.get(id));
    recent.remember(record({ id: 'req-0007', servedPool: 'fallback', servedBy: 'ollama:qwen', experiment: { id: 'cheap', arm: 'control' } }));
    recent.remember(record({ id: 'req-0008', outcome: 'failed', servedBy: null }));
    recent.remember(record({ id: 'req-0009' }));
    recent.remember(record({ id: 'req-0010' }));
    recorder.record('req-0010', 'edit-accepted');
    recorder.record('req-0009', 'edit-accepted');
    recorder.record('req-0007', 'edit-rejected');
    await recorder.whenWritten();
    assert.deepEqual(sink.signals[0]?.req, { time: '2026-11-22T12:00:00.000Z', pool: 'quick', model: 'deepseek:deepseek-flash' });
    assert.equal(sink.signals[1]?.req?.model, 'deepseek:deepseek-flash');
    assert.equal(sink.signals[2]?.req, undefined, 'the oldest of three answered requests is forgotten with room for two');
    const kept = new RecentRequests();
    kept.remember(record({ id: 'req-0011', servedPool: 'fallback', servedBy: 'ollama:qwen', experiment: { id: 'cheap', arm: 'control' } }));
    assert.deepEqual(kept.get('req-0011'), { time: '2026-11-22T12:00:00.000Z', pool: 'local', model: 'ollama:qwen', experiment: { id: 'cheap', arm: 'control' } });
    kept.remember(record({ id: 'req-0012', outcome: 'failed', servedBy: null }));
    assert.equal(kept.get('req-0012'), undefined, 'a failed request has no answer to judge');
  });
});
