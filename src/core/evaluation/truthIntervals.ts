// The truth evaluation's figures with their uncertainty: metrics over the matched truth users (DeLong / stratified
// bootstrap) and Wilson intervals on every rate (tag rate per stage, recall outside the rules, agreement with rules).

import { estimateMetrics, type IntervalOptions, type MetricEstimates } from './stats/metricIntervals';
import type { Estimate } from './stats/estimate';
import { wilsonInterval } from './stats/wilson';
import { matchTruthUsers, type TruthEvaluation, type TruthEvaluationInput } from './truth';

export interface StageRateEstimate {
  stage: string;
  users: number;
  tagged: number;
  tagRate: Estimate;
  truthLabel: 0 | 1 | 'mixed';
}

export interface TruthIntervals {
  metrics: MetricEstimates;
  byStage: StageRateEstimate[];
  unlabelledPositiveRecall: Estimate;
  ruleAgreement: Estimate;
}

/** Wilson intervals for the rates an evaluateAgainstTruth result already counted. */
export function estimateTruthRates(t: TruthEvaluation): Omit<TruthIntervals, 'metrics'> {
  return {
    byStage: t.byStage.map((s) => ({ ...s, tagRate: wilsonInterval(s.tagged, s.users) })),
    unlabelledPositiveRecall: wilsonInterval(t.unlabelledPositives.tagged, t.unlabelledPositives.users),
    ruleAgreement: wilsonInterval(t.ruleAgreement.agree, t.ruleAgreement.users),
  };
}

/** Scores and truth labels of the truth users present in the data, in truth-file order. */
export function matchedTruthScores(input: TruthEvaluationInput): {
  scores: Float32Array;
  labels: Uint8Array;
} {
  const m = matchTruthUsers(input.userIds, input.truth);
  return {
    scores: Float32Array.from(m.storeIndex, (u) => input.scores[u]),
    labels: Uint8Array.from(m.truthRow, (row) => (input.truth.labels[row] ? 1 : 0)),
  };
}

export function estimateTruthIntervals(
  input: TruthEvaluationInput,
  evaluation: TruthEvaluation,
  options: IntervalOptions = {},
): TruthIntervals {
  const { scores, labels } = matchedTruthScores(input);
  return {
    metrics: estimateMetrics(scores, labels, { threshold: evaluation.threshold, ...options }),
    ...estimateTruthRates(evaluation),
  };
}
