// The contract between features and models: a serialisable feature spec and sparse batches built from the store.

export type Transform = 'log1p' | 'none';

/** Everything needed to rebuild model inputs for new data (serialised into run records and bundles). */
export interface FeatureSpec {
  version: 1;
  /** category ids in feature order; when `otherBucket` is true, one extra last feature collects every other category */
  vocabulary: string[];
  /** display names, same order as vocabulary */
  vocabularyNames: string[];
  otherBucket: boolean;
  /** number of month steps M (default 18) */
  months: number;
  /** number of day steps D for clicks (default 90) */
  days: number;
  transform: Transform;
  /** 'latest' = the UTC day after the latest event of the data being scored; or a fixed ISO date */
  asOf: 'latest' | string;
  /** category ids whose inputs are zeroed everywhere (the leakage guard); empty when off */
  maskedCategories: string[];
}

/**
 * One model input for a batch of B users: a [B, steps, width] tensor given as its non-zero entries (COO).
 * Entry k sits at row rows[k] = b * steps + t, column cols[k], with the transformed value values[k].
 * Step t = 0 is the OLDEST step and t = steps − 1 the most recent, so an LSTM reads forward in time.
 */
export interface SparseSequence {
  batchSize: number;
  steps: number;
  /** feature width: vocabulary length (+1 with the other bucket) */
  width: number;
  rows: Int32Array;
  cols: Int32Array;
  values: Float32Array;
}

/** Inputs and labels for a batch of users. */
export interface FeatureBatch {
  /** user indices in the store */
  users: Int32Array;
  /** yearly purchase totals, steps = 1 (shallow model) */
  yearly: SparseSequence;
  /** monthly purchase counts, steps = months */
  monthly: SparseSequence;
  /** daily click counts, steps = days */
  daily: SparseSequence;
  /** 1 / 0 per user; all zero when scoring unlabelled users */
  labels: Float32Array;
}
