// Features: the public surface the models, training loop, scoring and UI import from.

export * from './types';
export { buildFeatureSpec, describeSpec, specWidth, FEATURE_DEFAULTS, type FeatureSpecOptions } from './spec';
export { createBatchBuilder, type BatchBuilder, type DoctorOptions } from './batch';
export { densify } from './densify';
export { createRowsBatchBuilder, type RowsBatchBuilder } from './rowsBatch';
export {
  FEATURE_ROWS_HEADER,
  OTHER_CATEGORY,
  forEachFeatureRow,
  formatFeatureRow,
  purchasePeriods,
  writeFeatureRowsCsv,
} from './sparseRows';
export type { FeatureKind, FeatureRow } from './sparseRows';
