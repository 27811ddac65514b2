// The JSON and text shapes of figures with intervals that `train`, `evaluate` and `compare` print: each metric an
// object { value, ci95: [lo, hi] } (null where undefined), keyed auc, prAuc, accuracy, precision, recall, f1.

import {
  estimateToJson,
  formatEstimate,
  type Estimate,
  type MetricEstimates,
  type MetricName,
  type PairedComparison,
  type TruthIntervals,
} from '../core/evaluation';

const JSON_KEYS: Record<MetricName, string> = {
  rocAuc: 'auc',
  prAuc: 'prAuc',
  accuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall',
  f1: 'f1',
};

const entries = Object.entries(JSON_KEYS) as [MetricName, string][];

/** The metrics as JSON objects under their `--json` keys. */
function metricValues(m: Record<MetricName, Estimate>) {
  return {
    auc: estimateToJson(m.rocAuc),
    prAuc: estimateToJson(m.prAuc),
    accuracy: estimateToJson(m.accuracy),
    precision: estimateToJson(m.precision),
    recall: estimateToJson(m.recall),
    f1: estimateToJson(m.f1),
  };
}

export function metricsJson(e: MetricEstimates) {
  return {
    users: e.users,
    positives: e.positives,
    negatives: e.negatives,
    threshold: e.threshold,
    ...metricValues(e.metrics),
    resamples: e.resamples,
    seed: e.seed,
    method: e.method,
    aucSeMethod: e.aucSeMethod,
  };
}

export function truthJson(t: TruthIntervals, matched: number, missing: number) {
  return {
    matched,
    missing,
    ...metricsJson(t.metrics),
    stages: Object.fromEntries(
      t.byStage.map((s) => [
        s.stage,
        { users: s.users, tagged: s.tagged, tagRate: estimateToJson(s.tagRate) },
      ]),
    ),
    unlabelledPositiveRecall: estimateToJson(t.unlabelledPositiveRecall),
    ruleAgreement: estimateToJson(t.ruleAgreement),
  };
}

export function comparisonJson(c: PairedComparison) {
  const n = (x: number) => (Number.isNaN(x) ? null : x);
  return {
    names: c.names,
    users: c.users,
    positives: c.positives,
    negatives: c.negatives,
    threshold: c.threshold,
    auc: {
      a: estimateToJson(c.auc.a),
      b: estimateToJson(c.auc.b),
      difference: estimateToJson(c.auc.difference),
      z: n(c.auc.z),
      pValue: n(c.auc.pValue),
      correlation: n(c.auc.correlation),
      method: 'paired DeLong',
    },
    differences: metricValues(c.differences),
    winners: Object.fromEntries(entries.map(([name, key]) => [key, c.winners[name]])),
    resamples: c.resamples,
    seed: c.seed,
    verdict: c.verdict,
  };
}

/** `auc 0.923 [0.891, 0.951]  prAuc …`, one line per metric. */
export function metricsLines(e: MetricEstimates, indent = '  '): string[] {
  return entries.map(([name, key]) => `${indent}${key.padEnd(10)}${formatEstimate(e.metrics[name])}`);
}
