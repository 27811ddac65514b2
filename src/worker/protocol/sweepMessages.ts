// Sweep requests and events: a grid or seeded random sample over hidden size, dropout, L2 and learning rate, every
// run on one shared split, with progress (time left) and cancel through the request's cancel.

import type { BackendName, Hyperparameters, ModelKind } from '../../core/models';
import type { TrainingSetup } from '../../core/runs';
import type { SweepPointResult, SweepProgress, SweepResult } from '../../core/sweeps';

export interface SweepRequest {
  kind: ModelKind;
  /** the Train screen's settings: every point starts from them */
  hyperparameters: Hyperparameters;
  backend: BackendName;
  setup: TrainingSetup;
  /** `name=values` entries as the CLI takes them: `hidden=16,32`, `lr=0.001:0.01` */
  space: string[];
  mode: 'grid' | 'random';
  /** draws in random mode */
  samples: number;
  seed: number;
  repeats: number;
  /** the Train screen's Workers setting (absent: 1); above 1, that many sub-workers train whole runs side by side */
  workers?: number;
}

export interface SweepOutcome extends SweepResult {
  kind: ModelKind;
  repeats: number;
  trainUsers: number;
  validationUsers: number;
  backend: BackendName;
  /** sub-workers the runs trained on (1: the lab worker itself) */
  workers: number;
  /** why fewer workers than asked (their copies of the dataset would not fit the tab); null when all ran */
  workersNotice: string | null;
}

export interface SweepRequests {
  'sweep/run': { params: SweepRequest; result: SweepOutcome };
}

export interface SweepEvents {
  'sweep/progress': SweepProgress;
  /** a point after each of its runs, with its summary so far */
  'sweep/point': SweepPointResult;
}
