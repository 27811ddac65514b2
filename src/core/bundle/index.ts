// The export/import API in one import: model files, bundles, spec fit, data fingerprint, scores CSV.

export { BundleError } from './errors';
export {
  checkWeightsSize,
  expectedWeightBytes,
  exportModelArtifacts,
  loadModelFromArtifacts,
  MODEL_JSON,
  parseModelJson,
  WEIGHTS_BIN,
} from './modelArtifacts';
export type { ModelArtifactsFiles } from './modelArtifacts';
export {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  buildManifest,
  MANIFEST_FILE,
  parseManifest,
  serialiseManifest,
  validateManifest,
} from './manifest';
export type { BundleManifest } from './manifest';
export { buildBundleReadme, describeModelInputs } from './readme';
export type { ModelInputInfo } from './readme';
export {
  buildBundleFiles,
  buildBundleZip,
  buildModelFilesZip,
  readBundleFiles,
  readBundleZip,
  README_FILE,
  RUN_FILE,
} from './bundleFiles';
export type { Bundle, BundleInput } from './bundleFiles';
export { checkSpecFits, MIN_PRESENT_SHARE } from './specFit';
export type { SpecFit } from './specFit';
export { fingerprintData } from './fingerprint';
export {
  escapeCsvCell,
  formatScore,
  labelSourceOf,
  SCORES_CSV_HEADER,
  tagScores,
  writeScoresCsv,
} from './scoresCsv';
export type { LabelSource, ScoreColumns, ScoreRow } from './scoresCsv';
export { checkBundleValidation, validationForBundle, validationFromBundle } from './validationUsers';
export type { BundleValidation, IndexedValidation } from './validationUsers';
