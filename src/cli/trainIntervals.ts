// What `train --json` adds to the run summary for honest reading, from the record's intervals: the sizes of the
// training and validation sets per class, the class weights, every validation and truth metric with its 95%
// interval, and how large an AUC difference the validation set can resolve.

import { formatEstimate, type RunIntervals } from '../core/evaluation';
import type { RunRecord } from '../core/runs';
import { metricsJson, truthJson } from './metricJson';

export function summariseIntervals(record: RunRecord) {
  const i: RunIntervals | null | undefined = record.intervals;
  if (!i) return { truthIntervals: null };
  const t = record.evaluation?.truth;
  const { train, validation } = i.sizes;
  return {
    trainUsers: train.positive + train.negative,
    validationUsers: validation.positive + validation.negative,
    sizes: i.sizes,
    classWeights: i.classWeights,
    validation: {
      ...metricsJson(i.validation),
      resolvableAucDifference: i.resolvable.difference,
      resolvableMethod: i.resolvable.method,
    },
    truthIntervals: i.truth && t ? truthJson(i.truth, t.matched, t.missing) : null,
  };
}

/** The text line under `train`'s result: the validation AUC with its interval and what the set can resolve. */
export function describeValidation(record: RunRecord): string {
  const i = record.intervals;
  if (!i) return '';
  const v = i.validation;
  const method = v.aucSeMethod === 'delong' ? 'DeLong' : 'Hanley–McNeil: every pair ordered alike';
  return (
    `Validation AUC ${formatEstimate(v.metrics.rocAuc)} (${method}) on ${v.positives} positive / ${v.negatives} ` +
    `negative users: AUC differences below ${i.resolvable.difference.toFixed(3)} between models cannot be resolved on this set.`
  );
}
