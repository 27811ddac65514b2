// The record of a training run as it is kept, compared, persisted and exported. Plain data only: no tensors.
// It sits below runs, training, evaluation and bundle so they all can name it without an import cycle.

import type { BinaryMetrics, RunEvaluation, RunIntervals } from '../evaluation';
import type { FeatureSpec } from '../features/types';
import type { RuleSet } from '../labels/types';
import type { BackendName, Hyperparameters, ModelKind } from '../models/types';
import type { BatchLog, EpochLog } from '../training/types';

export type RunStatus = 'queued' | 'running' | 'done' | 'stopped' | 'failed' | 'interrupted';

/** A run trained as one of a group of repeats: k model seeds, or the k folds of a cross-validation. */
export interface RunGroupTag {
  id: string;
  mode: 'seeds' | 'folds';
  /** 0-based position in the group (the fold held out, for folds) */
  index: number;
  of: number;
}

export interface RunRecord {
  id: string;
  name: string;
  kind: ModelKind;
  hyperparameters: Hyperparameters;
  featureSpec: FeatureSpec;
  rules: RuleSet;
  backend: BackendName;
  /** e.g. the WebGL renderer string; null when not applicable */
  renderer: string | null;
  status: RunStatus;
  /** ISO timestamp */
  startedAt: string;
  durationMs: number;
  paramCount: number;
  epochs: EpochLog[];
  /** a thinned per-batch loss/accuracy trace for the smoothed live line */
  batches: BatchLog[];
  /** validation metrics of the final weights, threshold 0.5 */
  validation: BinaryMetrics | null;
  /** message when status is failed (or why it stopped) */
  message: string | null;
  /** a short fingerprint of the training data (users, events, date range hash) */
  dataFingerprint: string;
  /** doctored-data and ground-truth results (src/core/evaluation); null until evaluated */
  evaluation: RunEvaluation | null;
  /** set sizes, class weights and 95% intervals of the validation and truth metrics; absent in older records */
  intervals?: RunIntervals | null;
  /** set when the run is one of a group of repeats (Train with k seeds, or k-fold); absent otherwise */
  group?: RunGroupTag;
  /** data-parallel workers it trained on (and scored every user on); absent in older records: read with runWorkers */
  workers?: number;
  /**
   * set when it trained whole on one of this many job sub-workers, side by side with the other runs of its group
   * (workers is then 1: no data parallelism within the run)
   */
  jobWorkers?: number;
}
