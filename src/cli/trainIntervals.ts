// What `train --json` adds to the run summary for honest reading: the sizes of the training and validation sets
// per class, the class weights, every validation and truth metric with its 95% interval, and how large an AUC
// difference the validation set can resolve.

import type { TruthTable } from '../core/events/types';
import {
  estimateMetrics,
  estimateTruthIntervals,
  evaluateAgainstTruth,
  formatEstimate,
  resolvableAucDifference,
} from '../core/evaluation';
import type { PreparedData } from '../core/runs/setup';
import { metricsJson, truthJson } from './metricJson';

function classSizes(labels: Float32Array) {
  let positive = 0;
  for (const y of labels) if (y >= 0.5) positive++;
  return { positive, negative: labels.length - positive };
}

export function summariseIntervals(
  prepared: PreparedData,
  validationScores: Float32Array,
  truth: { table: TruthTable; userIds: readonly string[]; scores: Float32Array } | null,
) {
  const validation = estimateMetrics(validationScores, prepared.validation.labels);
  const train = classSizes(prepared.train.labels);
  const held = classSizes(prepared.validation.labels);
  const resolvable = resolvableAucDifference(held.positive, held.negative, validation.metrics.rocAuc.value);
  let truthSummary = null;
  if (truth) {
    const input = {
      userIds: truth.userIds,
      scores: truth.scores,
      truth: truth.table,
      ruleLabels: prepared.labels.labels,
      threshold: 0.5,
    };
    const evaluation = evaluateAgainstTruth(input);
    truthSummary = truthJson(
      estimateTruthIntervals(input, evaluation),
      evaluation.matched,
      evaluation.missing,
    );
  }
  return {
    trainUsers: prepared.train.users.length,
    validationUsers: prepared.validation.users.length,
    sizes: { train, validation: held },
    classWeights: prepared.classWeights,
    validation: {
      ...metricsJson(validation),
      resolvableAucDifference: resolvable.difference,
      resolvableMethod: resolvable.method,
    },
    truthIntervals: truthSummary,
  };
}

/** The text line under `train`'s result: the validation AUC with its interval and what the set can resolve. */
export function describeValidation(v: ReturnType<typeof summariseIntervals>['validation']): string {
  const auc = formatEstimate({
    value: v.auc.value ?? NaN,
    ci95: [v.auc.ci95[0] ?? NaN, v.auc.ci95[1] ?? NaN],
  });
  return (
    `Validation AUC ${auc} (${v.aucSeMethod === 'delong' ? 'DeLong' : 'Hanley–McNeil: every pair ordered alike'}) on ${v.positives} positive / ${v.negatives} negative users: ` +
    `AUC differences below ${v.resolvableAucDifference.toFixed(3)} between models cannot be resolved on this set.`
  );
}
