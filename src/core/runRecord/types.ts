// The record of a training run as it is kept, compared, persisted and exported. Plain data only: no tensors.
// It sits below runs, training, evaluation and bundle so they all can name it without an import cycle.

import type { BinaryMetrics, RunEvaluation, RunIntervals } from '../evaluation';
import type { FeatureSpec } from '../features/types';
import type { RuleSet } from '../labels/types';
import type { BackendName, Hyperparameters, ModelKind } from '../models/types';
import type { BatchLog, EpochLog } from '../training/types';

export type RunStatus = 'queued' | 'running' | 'done' | 'stopped' | 'failed' | 'interrupted';

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
}
