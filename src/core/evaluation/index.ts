// The evaluation API in one import: metrics, curves, doctored data and ground truth.

export { computeAveragePrecision, computeBinaryMetrics, computeRocAuc, reviveBinaryMetrics } from './metrics';
export { MAX_CURVE_POINTS, prCurve, rocCurve, scoreHistogram } from './curves';
export type { HistogramBin, PrCurve, RocCurve } from './curves';
export {
  collectRuleCategories,
  doctorBatch,
  DOCTORING_KINDS,
  ruleFeatureIndices,
  unmatchedRuleCategories,
} from './doctoring';
export type { DoctoringKind, DoctoringOptions } from './doctoring';
export { describeRuleReliance, evaluateDoctored, HEAVY_RELIANCE } from './doctored';
export type { DoctoredEvaluation, DoctoredEvaluationInput } from './doctored';
export { evaluateAgainstTruth, NO_STAGE } from './truth';
export type { StageBreakdown, TruthEvaluation, TruthEvaluationInput } from './truth';
export { pickTruthExamples, TRUTH_EXAMPLES_PER_CELL } from './truthExamples';
export type { TruthExample, TruthExamples } from './truthExamples';
export type { RunEvaluation } from './runEvaluation';
export * from './stats';
export { estimateTruthIntervals, estimateTruthRates, matchedTruthScores } from './truthIntervals';
export type { StageRateEstimate, TruthIntervals } from './truthIntervals';
export { countClasses, estimateRunIntervals } from './runIntervals';
export type { ClassSizes, RunIntervals, RunIntervalsInput } from './runIntervals';
export type { BinaryMetrics } from './types';
