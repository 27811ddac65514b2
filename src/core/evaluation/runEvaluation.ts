// The shape of RunRecord.evaluation: what the comparison view, IndexedDB and bundles keep per run.

import type { DoctoredEvaluation } from './doctored';
import type { TruthEvaluation } from './truth';

/**
 * Stored as plain data; after a JSON round trip NaN values (undefined metrics) read back as null, so show null and
 * NaN alike as "—" (reviveBinaryMetrics restores NaN inside BinaryMetrics).
 */
export interface RunEvaluation {
  /** on the run's validation users; null until computed */
  doctored: DoctoredEvaluation | null;
  /** against the truth file, when one is loaded */
  truth: TruthEvaluation | null;
}
