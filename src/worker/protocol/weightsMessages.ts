// Weight inspection requests: per-layer weight distributions of a trained run, for the Train screen's Weights panel.

import type { WeightStats } from '../../core/models';

/** One weight tensor of a run's model: the core's summary stats and bounded sample (transferred, not copied). */
export interface WeightTensorSummary extends WeightStats {
  /** the layer that owns the weight, e.g. "hidden" or "monthly_lstm" */
  layer: string;
  /** which of the layer's weights: kernel, recurrent kernel or bias */
  weight: string;
}

export interface RunWeights {
  runId: string;
  tensors: WeightTensorSummary[];
}

export interface WeightsRequests {
  /** rejects when the run has no trained model in this page or in storage */
  'train/weights': { params: { runId: string }; result: RunWeights };
}
