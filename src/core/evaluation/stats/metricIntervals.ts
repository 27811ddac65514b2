// Every metric of one score vector with its 95% interval: ROC AUC by DeLong, the rest by the stratified bootstrap.

import {
  DEFAULT_BOOTSTRAP_SEED,
  drawBootstrap,
  metricColumn,
  percentileInterval,
  type BootstrapOptions,
} from './bootstrap';
import { delongAuc, type AucEstimate } from './delong';
import type { Estimate } from './estimate';
import { measureWeighted, METRIC_COUNT, METRIC_NAMES, rankUsers, type MetricName } from './weightedMetrics';

export interface IntervalOptions extends BootstrapOptions {
  /** tagged when score ≥ threshold (default 0.5) */
  threshold?: number;
}

export interface MetricEstimates {
  metrics: Record<MetricName, Estimate>;
  threshold: number;
  users: number;
  positives: number;
  negatives: number;
  resamples: number;
  seed: number;
  /** how each interval was obtained, for tooltips and reports */
  method: string;
  /** 'hanley-mcneil' where DeLong's variance is 0 (every pair ordered alike): see AucEstimate */
  aucSeMethod: AucEstimate['seMethod'];
}

export const INTERVAL_METHOD =
  'ROC AUC: DeLong 95% interval; other metrics: 95% percentile interval of a bootstrap over users stratified by class';

/** Point values of every metric (weights all 1): equal to computeBinaryMetrics. */
export function measurePoint(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number) {
  const out = new Float64Array(METRIC_COUNT);
  measureWeighted(rankUsers(scores, labels, threshold), new Int32Array(scores.length).fill(1), out);
  return out;
}

export function estimateMetrics(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: IntervalOptions = {},
): MetricEstimates {
  const threshold = options.threshold ?? 0.5;
  const ranked = rankUsers(scores, labels, threshold);
  const point = measurePoint(scores, labels, threshold);
  const auc = delongAuc(scores, labels);
  const canResample = auc.positives + auc.negatives > 0;
  const [draws] = canResample ? drawBootstrap([ranked], options) : [null];
  const metrics = {} as Record<MetricName, Estimate>;
  METRIC_NAMES.forEach((name, i) => {
    metrics[name] = {
      value: point[i],
      ci95: draws ? percentileInterval(metricColumn(draws, name)) : [NaN, NaN],
    };
  });
  metrics.rocAuc = { value: auc.value, ci95: auc.ci95 };
  return {
    metrics,
    threshold,
    users: scores.length,
    positives: auc.positives,
    negatives: auc.negatives,
    resamples: draws?.resamples ?? 0,
    seed: options.seed ?? DEFAULT_BOOTSTRAP_SEED,
    method: INTERVAL_METHOD,
    aucSeMethod: auc.seMethod,
  };
}
