// Run management and comparison requests: restore the saved runs after a reload, rename and delete a run, metrics of
// the kept validation scores at any threshold, truth metrics of the kept all-user scores at any threshold, and the
// threshold-free curves; an event when saving a run failed.

import type {
  CurveBand,
  HistogramBin,
  MetricEstimates,
  PairedComparison,
  PrCurve,
  ResolvableDifference,
  RocCurve,
  TruthEvaluation,
  TruthExamples,
  TruthIntervals,
} from '../../core/evaluation';
import type { BinaryMetrics, RunRecord } from '../../core/runs';

export interface RestoredRuns {
  /** every saved run, oldest first (runs cut off by a reload are already marked 'interrupted') */
  runs: RunRecord[];
  /** why saved runs could not be read, or null */
  message: string | null;
  /** the interrupted runs that have a saved checkpoint, so Resume can continue them */
  resumable: string[];
}

export interface RunMetricsAt {
  runId: string;
  /** null when the run has no kept validation scores (failed, or saved without them) */
  metrics: BinaryMetrics | null;
}

export interface RunIntervalsAt {
  runId: string;
  /** every validation metric at the threshold with its 95% interval; null without kept validation scores */
  estimates: MetricEstimates | null;
}

/** Two runs compared on the validation users both scored. */
export interface PairedVerdict {
  /** run ids; differences are a − b */
  a: string;
  b: string;
  /** null when they cannot be compared: see `unavailable` */
  comparison: PairedComparison | null;
  /** validation users both runs scored (the users the comparison uses) */
  sharedUsers: number;
  /** true when both runs validated on exactly the same users (same rules, sampling and data seed) */
  sameUsers: boolean;
  /** the smallest AUC difference these shared users can resolve */
  resolvable: ResolvableDifference | null;
  unavailable: string | null;
}

export interface RunTruthAt {
  runId: string;
  /** null when it cannot be recomputed: see `unavailable` (the run's recorded 0.5 figures still stand) */
  truth: TruthEvaluation | null;
  /** its 95% intervals at the same threshold (bootstrap and Wilson), null with `truth` */
  intervals: TruthIntervals | null;
  /** a few users per cell that matters (found / missed outside the rules, falsely tagged), null with `truth` */
  examples: TruthExamples | null;
  /** why not, in words (null when `truth` is set) */
  unavailable: string | null;
}

export interface RunCurves {
  runId: string;
  /** null when the run has no kept validation scores */
  roc: RocCurve | null;
  pr: PrCurve | null;
  /** pointwise 95% bootstrap bands around them (null without kept scores; empty with one class only) */
  rocBand: CurveBand | null;
  prBand: CurveBand | null;
  histogram: HistogramBin[] | null;
  /** validation users behind the curves */
  users: number;
}

export interface CompareRequests {
  'compare/restore': { params: Record<string, never>; result: RestoredRuns };
  /** true when the run was known (in this page or in storage) */
  'compare/rename': { params: { runId: string; name: string }; result: boolean };
  /** frees the run's model tensors and its saved entries; rejects while the run trains */
  'compare/delete': { params: { runId: string }; result: boolean };
  'compare/metrics': { params: { runIds: string[]; threshold: number }; result: RunMetricsAt[] };
  'compare/curves': { params: { runIds: string[] }; result: RunCurves[] };
  /** estimateMetrics at the threshold on each run's kept validation scores (DeLong and a seeded bootstrap) */
  'compare/intervals': { params: { runIds: string[]; threshold: number }; result: RunIntervalsAt[] };
  /** every pair of the runs (in the order given) compared on their shared validation users */
  'compare/paired': { params: { runIds: string[]; threshold: number }; result: PairedVerdict[] };
  /** evaluateAgainstTruth at the threshold, on the run's kept all-user scores and the loaded dataset's truth file */
  'compare/truth': { params: { runIds: string[]; threshold: number }; result: RunTruthAt[] };
}

/** Saving a run (after an epoch or at the end) failed; the run stays in this page. */
export interface RunStorageEvent {
  runId: string;
  message: string;
}

export interface CompareEvents {
  'compare/storage': RunStorageEvent;
}
