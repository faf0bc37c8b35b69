// Turns a health report into the spend panel's health row, in words and units a person reads. No vscode import.
import { describeReading, formatHealthValue } from '../core/health/healthCheck';
import type { HealthMetric, HealthReport, HealthWindow } from '../core/health/healthCheck';
import type { HealthView } from '../shared/protocol';

const LABELS: Readonly<Record<HealthMetric, string>> = {
  'premium-share': 'Reasoning-pool share',
  'cost-per-request': 'Cost per request',
  'escalation-rate': 'Escalation',
  'failure-rate': 'Failures',
  'p95-latency': 'p95 latency',
};

export function healthView(report: HealthReport, window: HealthWindow, focus?: HealthMetric): HealthView {
  const rows = report.readings.map((r) => ({
    metric: r.metric,
    label: LABELS[r.metric],
    value: formatHealthValue(r.metric, r.value),
    limit: formatHealthValue(r.metric, r.limit),
    crossed: r.crossed,
    text: describeReading(r),
  }));
  // The metric an alert named comes first.
  if (focus) rows.sort((a, b) => Number(b.metric === focus) - Number(a.metric === focus));
  return {
    days: window.days,
    requests: report.requests,
    minRequests: window.minRequests,
    tooFew: report.tooFew,
    rows,
    ...(focus ? { focus } : {}),
  };
}
