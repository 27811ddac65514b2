// The uncertainty a run's record carries: how many users trained and validated per class, the class weights, every
// validation metric with its 95% interval, the AUC difference the validation set can resolve, and the truth
// figures with intervals when a truth file was loaded. Plain data (NaN becomes null after JSON).

import type { ResolvableDifference } from './stats/resolvable';
import { resolvableAucDifference } from './stats/resolvable';
import { estimateMetrics, type IntervalOptions, type MetricEstimates } from './stats/metricIntervals';
import type { TruthEvaluation, TruthEvaluationInput } from './truth';
import { estimateTruthIntervals, type TruthIntervals } from './truthIntervals';

export interface ClassSizes {
  positive: number;
  negative: number;
}

export interface RunIntervals {
  sizes: { train: ClassSizes; validation: ClassSizes };
  /** the loss weights the run trained with; null when unweighted (e.g. down-sampled) */
  classWeights: ClassSizes | null;
  validation: MetricEstimates;
  resolvable: ResolvableDifference;
  truth: TruthIntervals | null;
}

export function countClasses(labels: ArrayLike<number>): ClassSizes {
  let positive = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0.5) positive++;
  return { positive, negative: labels.length - positive };
}

export interface RunIntervalsInput {
  trainLabels: ArrayLike<number>;
  validationLabels: ArrayLike<number>;
  validationScores: ArrayLike<number>;
  classWeights: ClassSizes | null;
  /** the truth evaluation and its input, when a truth file was loaded */
  truth: { input: TruthEvaluationInput; evaluation: TruthEvaluation } | null;
  options?: IntervalOptions;
}

export function estimateRunIntervals(o: RunIntervalsInput): RunIntervals {
  const validation = estimateMetrics(o.validationScores, o.validationLabels, o.options);
  const held = countClasses(o.validationLabels);
  return {
    sizes: { train: countClasses(o.trainLabels), validation: held },
    classWeights: o.classWeights,
    validation,
    resolvable: resolvableAucDifference(held.positive, held.negative, validation.metrics.rocAuc.value),
    truth: o.truth ? estimateTruthIntervals(o.truth.input, o.truth.evaluation, o.options) : null,
  };
}
