// bench/report.ts: the replay tables and targets show each router-overhead figure once (no column that repeats another).

import { strict as assert } from 'node:assert';
import type { ReplayReport, StrategyFigures } from '../../../bench/replay';
import { overheadTable, replayTable, targets } from '../../../bench/report';

const p = (p50: number, p99: number) => ({ n: 10, p50, p99, max: p99, mean: p50 });

function figures(name: string, overhead: number, ledger?: number): StrategyFigures {
  return {
    name, requests: 10, costMicros: 100, costVsPremium: 0.1, costVsSonnet: 0.2, baselineMicros: 1000, costVsBaseline: 0.1,
    calls: 10, callsPerRequest: 1, wastedCalls: 0, wastedShare: 0, underRouted: 0, underRoutingShare: 0, failures: 0, failureRate: 0,
    latencyMs: p(1, 2), overheadMicros: p(overhead, overhead * 2),
    ...(ledger !== undefined ? { ledgerMicros: p(ledger, ledger * 3) } : {}),
    callsByModel: {}, servedByPool: {},
  };
}

function report(): ReplayReport {
  return {
    workload: {
      file: 'bench/data/route-public.jsonl', requests: 10, orderSeed: 1, virtualMinutes: 1, meanInterArrivalMs: 2000, warmupRequests: 0,
      limits: {}, outages: [], premiumChain: ['a:x'], sonnetChain: ['a:y'], sequentialChain: ['a:z'],
    } as unknown as ReplayReport['workload'],
    strategies: [figures('always-premium', 60), figures('Triage', 300, 400)],
  };
}

describe('bench report: router overhead', () => {
  it('has one router-overhead column in the replay table, holding the overhead', () => {
    const table = replayTable(report());
    const headers = table.columns.map((c) => c.header);
    assert.equal(headers.filter((h) => /overhead|ledger/i.test(h)).length, 1);
    const col = headers.indexOf('Router overhead p50 / p99 µs');
    assert.equal(table.rows[1]?.[col], '300 / 600');
    assert.equal(table.rows[1]?.length, headers.length);
  });

  it('breaks the router time down into overhead, ledger append and classify, no repeated overhead column', () => {
    const table = overheadTable(report());
    assert.deepEqual(table.columns.map((c) => c.header), ['Strategy', 'Router overhead', 'Ledger append (after the answer)', 'Classify call']);
    assert.deepEqual(table.rows, [['Triage', '300 / 600', '400 / 1200', '—']]);
  });

  it('states the router-overhead target once, on the Triage row', () => {
    const overhead = targets(undefined, report(), undefined).filter((t) => t.target.startsWith('router overhead'));
    assert.equal(overhead.length, 1);
    assert.equal(overhead[0]?.measured, '600 µs');
    assert.equal(overhead[0]?.pass, true);
  });
});
