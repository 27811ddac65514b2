// The paired comparison in words, kept free of React so it is tested directly: which users the comparison pairs,
// what it can resolve, and the per-metric differences with the side each interval favours (none when it holds 0).

import {
  formatEstimate,
  METRIC_NAMES,
  type MetricName,
  type PairedComparison,
  type ResolvableDifference,
} from '../../core/evaluation';
import type { PairedVerdict } from '../../worker/protocol/compareMessages';

export const METRIC_LABELS: Record<MetricName, string> = {
  rocAuc: 'ROC AUC',
  prAuc: 'PR AUC',
  accuracy: 'Accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
};

/** "Paired on the 120 validation users both runs scored (40 positive, 80 negative)", and why fewer when so. */
export function describePairing(v: PairedVerdict): string {
  const c = v.comparison;
  const classes = c ? ` (${c.positives} positive, ${c.negatives} negative)` : '';
  const base = `Paired on the ${v.sharedUsers} validation users both runs scored${classes}`;
  return v.sameUsers
    ? `${base}: the runs validated on the same users.`
    : `${base}: the runs validated on different users (another data seed, other rules or a restored run), so only the shared ones are compared.`;
}

/** "Differences below 0.140 cannot be resolved with 20 + 20 validation users." */
export function describeResolvable(r: ResolvableDifference, positives: number, negatives: number): string {
  const d = Number.isFinite(r.difference) ? r.difference.toFixed(3) : '—';
  return `ROC AUC differences below ${d} cannot be resolved with ${positives} + ${negatives} validation users.`;
}

export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export interface DifferenceRow {
  metric: MetricName;
  label: string;
  /** a − b with its 95% interval: `0.012 [−0.020, 0.044]` */
  difference: string;
  /** the run the interval favours, or null when it holds 0 */
  favours: string | null;
}

export function differenceRows(c: PairedComparison): DifferenceRow[] {
  return METRIC_NAMES.map((metric) => {
    const side = c.winners[metric];
    return {
      metric,
      label: METRIC_LABELS[metric],
      difference: formatEstimate(c.differences[metric]),
      favours: side ? c.names[side] : null,
    };
  });
}
