// The metrics every evaluation speaks in.

/** Binary-classification metrics at one threshold. */
export interface BinaryMetrics {
  threshold: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
  prAuc: number;
  /** confusion counts */
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  n: number;
}
