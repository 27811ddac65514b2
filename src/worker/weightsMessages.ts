// Weight inspection requests: per-layer weight distributions of a trained run, for the Train screen's Weights panel.

/** One weight tensor of a run's model: its summary stats and a bounded sample for a histogram. */
export interface WeightTensorSummary {
  /** the layer that owns the weight, e.g. "hidden" or "monthly_lstm" */
  layer: string;
  /** which of the layer's weights: kernel, recurrent kernel or bias */
  weight: string;
  shape: number[];
  count: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** at most ~5,000 values, seeded even stride (transferred, not copied) */
  sample: Float32Array;
}

export interface RunWeights {
  runId: string;
  tensors: WeightTensorSummary[];
}

export interface WeightsRequests {
  /** rejects when the run has no trained model in this page or in storage */
  'train/weights': { params: { runId: string }; result: RunWeights };
}
