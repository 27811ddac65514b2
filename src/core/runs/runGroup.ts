// Repeats of the same settings (k seeds, or k folds) read as one result: each metric as mean ± sd over the runs, and
// the learning curves as a band, so the runs table and the curves can show the spread instead of one lucky run.

import { summariseCurves, summariseRepeatedMetrics, type BinaryMetrics, type MeanSd } from '../evaluation';
import type { RunRecord } from '../runRecord/types';

const METRICS = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc'] as const;
type GroupMetric = (typeof METRICS)[number];

export interface RunGroupSummary {
  runs: number;
  validation: Record<GroupMetric, MeanSd>;
  /** null when no run of the group was evaluated against a truth file */
  truth: Record<GroupMetric, MeanSd> | null;
  /** per epoch, over the runs that reached it */
  curves: { loss: MeanSd[]; valLoss: MeanSd[]; valAccuracy: MeanSd[] };
}

function pickMetrics(m: BinaryMetrics): Partial<Record<GroupMetric, number>> {
  // null after a JSON round trip means undefined: leave it out
  return Object.fromEntries(METRICS.filter((k) => typeof m[k] === 'number').map((k) => [k, m[k]]));
}

export function summariseRunGroup(records: readonly RunRecord[]): RunGroupSummary {
  const validation = records.flatMap((r) => (r.validation ? [pickMetrics(r.validation)] : []));
  const truth = records.flatMap((r) =>
    r.evaluation?.truth ? [pickMetrics(r.evaluation.truth.metrics)] : [],
  );
  const fill = (rows: Partial<Record<GroupMetric, number>>[]) =>
    ({
      ...Object.fromEntries(METRICS.map((k) => [k, { mean: NaN, sd: NaN, n: 0 }])),
      ...summariseRepeatedMetrics(rows),
    }) as Record<GroupMetric, MeanSd>;
  return {
    runs: records.length,
    validation: fill(validation),
    truth: truth.length ? fill(truth) : null,
    curves: {
      loss: summariseCurves(records.map((r) => r.epochs.map((e) => e.loss))),
      valLoss: summariseCurves(records.map((r) => r.epochs.map((e) => e.valLoss))),
      valAccuracy: summariseCurves(records.map((r) => r.epochs.map((e) => e.valAccuracy))),
    },
  };
}
