// Model kinds and the hyperparameters every kind shares.

export type ModelKind = 'shallow' | 'lstm' | 'dual';
export const MODEL_KINDS: readonly ModelKind[] = ['shallow', 'lstm', 'dual'];

export interface Hyperparameters {
  /** units of the LSTM(s), or of the shallow model's hidden Dense layer */
  hidden: number;
  /** units of the dense layer after the dual model's concatenation */
  fcUnits: number;
  /**
   * width of the category projection (a time-distributed Dense) before each LSTM; 0 = none (the "stock" layout,
   * LSTM straight on the [T, C] counts). Optional so older records still type-check; missing means 64.
   */
  projection?: number;
  dropout: number;
  /** L2 factor on every weight layer's kernels */
  l2: number;
  learningRate: number;
  batchSize: number;
  epochs: number;
  validationFraction: number;
  /** epochs without validation-loss improvement before stopping; 0 = never stop early */
  patience: number;
  seed: number;
}

export type BackendName = 'webgl' | 'wasm' | 'cpu';
