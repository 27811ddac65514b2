// Uncertainty for every figure: DeLong for ROC AUC, a stratified bootstrap for the rest, Wilson for rates, paired
// tests and verdicts for comparisons, and how large a difference a validation set can resolve.

export { drawBootstrap, DEFAULT_BOOTSTRAP_SEED, DEFAULT_RESAMPLES, percentileInterval } from './bootstrap';
export type { BootstrapDraws, BootstrapOptions } from './bootstrap';
export { computePlacements, delongAuc, pairedDelong } from './delong';
export type { AucEstimate, PairedAucTest, Placements } from './delong';
export { UNDEFINED_ESTIMATE } from './estimate';
export type { Estimate } from './estimate';
export { estimateMetrics, INTERVAL_METHOD } from './metricIntervals';
export type { IntervalOptions, MetricEstimates } from './metricIntervals';
export { normalCdf, twoSidedPValue, Z95 } from './normal';
export { comparePaired, describeAucVerdict, favouredSide } from './paired';
export type { CompareOptions, PairedComparison, Side, Verdict } from './paired';
export { hanleyMcNeilSe, resolvableAucDifference } from './resolvable';
export type { ResolvableDifference } from './resolvable';
export { METRIC_NAMES } from './weightedMetrics';
export type { MetricName } from './weightedMetrics';
export { estimateToJson, formatEstimate } from './format';
export { wilsonInterval } from './wilson';
export { assignStratifiedFolds, collectOutOfFoldScores, DEFAULT_FOLDS, foldRows } from './kfold';
export type { Fold, FoldOptions } from './kfold';
export { summariseCurves, summariseRepeatedMetrics, summariseRepeats } from './repeats';
export type { MeanSd } from './repeats';
export { auditLabels } from './labelAudit';
export type { ConditionAudit, FlaggedUser, LabelAudit, LabelAuditInput } from './labelAudit';
export { estimateLabelFrequency, RANDOM_LABELLING_CAVEAT } from './elkanNoto';
export type { ElkanNotoEstimate, ElkanNotoInput } from './elkanNoto';
export { alignOnSharedUsers } from './align';
export type { AlignedScores, ScoredUsers } from './align';
export { BAND_METHOD, DEFAULT_BAND_RESAMPLES, prBand, rocBand } from './curveBands';
export type { CurveBand, CurveBandOptions } from './curveBands';
