// The Compare screen's state: which runs are compared, the decision threshold, the numbers the worker computed for
// them (metrics at the threshold, curves), whether saved runs were restored, and storage messages.

import type { StateCreator } from 'zustand';
import type { BinaryMetrics, RunRecord } from '../core/runs';
import type { MetricEstimates } from '../core/evaluation';
import type { PairedVerdict, RunCurves, RunTruthAt } from '../worker/protocol/compareMessages';
import type { LabState } from './index';

export const DEFAULT_THRESHOLD = 0.5;

export interface CompareSlice {
  /** runs ticked for comparison; null = every comparable run, until the analyst ticks or unticks one */
  compareSelection: string[] | null;
  threshold: number;
  /** runId → metrics of its kept validation scores at `threshold` (null: the run kept no scores) */
  thresholdMetrics: Record<string, BinaryMetrics | null>;
  /** the threshold `thresholdMetrics` belong to (they lag the slider by one worker round trip) */
  metricsThreshold: number | null;
  /** runId → every validation metric at `verdictsThreshold` with its 95% interval (null: no kept scores) */
  intervalsAt: Record<string, MetricEstimates | null>;
  /** every pair of the compared runs on their shared validation users, at `verdictsThreshold` */
  verdicts: PairedVerdict[];
  /** the threshold `intervalsAt` and `verdicts` belong to */
  verdictsThreshold: number | null;
  /** runId → truth metrics of its kept all-user scores at the latest threshold asked (or why there are none) */
  truthAt: Record<string, RunTruthAt>;
  /** runId → ROC, PR and score histogram of its validation scores */
  runCurves: Record<string, RunCurves>;
  runsRestore: 'idle' | 'restoring' | 'done';
  /** saving or restoring runs failed: what happened and what to do */
  storageMessages: string[];
  compareError: string | null;
}

export const initialCompareState: CompareSlice = {
  compareSelection: null,
  threshold: DEFAULT_THRESHOLD,
  thresholdMetrics: {},
  metricsThreshold: null,
  truthAt: {},
  intervalsAt: {},
  verdicts: [],
  verdictsThreshold: null,
  runCurves: {},
  runsRestore: 'idle',
  storageMessages: [],
  compareError: null,
};

export const createCompareSlice: StateCreator<LabState, [], [], CompareSlice> = () => ({
  ...initialCompareState,
});

/** Finished runs with at least one epoch: they have curves and (unless failed) kept validation scores. */
export function isComparable(run: RunRecord): boolean {
  return (
    (run.status === 'done' || run.status === 'stopped' || run.status === 'interrupted') &&
    run.epochs.length > 0
  );
}
