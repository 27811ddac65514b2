// Two models scored on the same users: the paired DeLong test for ROC AUC, a paired bootstrap (the same resampled
// users for both) for the other metrics, and a verdict that names a winner only when the 95% interval of the
// difference excludes zero.

import { DEFAULT_BOOTSTRAP_SEED, drawBootstrap, metricColumn, percentileInterval } from './bootstrap';
import { pairedDelong, type PairedAucTest } from './delong';
import type { Estimate } from './estimate';
import type { IntervalOptions } from './metricIntervals';
import { measurePoint } from './metricIntervals';
import { METRIC_NAMES, rankUsers, type MetricName } from './weightedMetrics';

export type Side = 'a' | 'b';

export interface Verdict {
  /** the better model, or null when the interval of the difference contains zero */
  winner: Side | null;
  metric: MetricName;
  /** one plain sentence for the comparison screen and the CLI */
  message: string;
}

export interface PairedComparison {
  names: { a: string; b: string };
  users: number;
  positives: number;
  negatives: number;
  threshold: number;
  resamples: number;
  seed: number;
  /** ROC AUC: the paired DeLong test */
  auc: PairedAucTest;
  /** metric(a) − metric(b) per metric: rocAuc from DeLong, the others from the paired bootstrap */
  differences: Record<MetricName, Estimate>;
  /** per metric: which side the interval favours, or null */
  winners: Record<MetricName, Side | null>;
  /** the overall verdict, on ROC AUC */
  verdict: Verdict;
}

export interface CompareOptions extends IntervalOptions {
  names?: { a: string; b: string };
}

/** Which side an interval of a − b favours: a when it lies above zero, b below, null when it holds zero. */
export function favouredSide(difference: Estimate): Side | null {
  const [lo, hi] = difference.ci95;
  if (lo > 0) return 'a';
  if (hi < 0) return 'b';
  return null;
}

const f3 = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(3));

export function describeAucVerdict(
  auc: PairedAucTest,
  names: { a: string; b: string },
  users: number,
): Verdict {
  const d = auc.difference;
  const winner = favouredSide(d);
  const p = Number.isNaN(auc.pValue) ? '—' : auc.pValue < 0.001 ? '< 0.001' : `= ${auc.pValue.toFixed(3)}`;
  const detail = `ROC AUC ${f3(auc.a.value)} vs ${f3(auc.b.value)}, difference ${f3(d.value)} [${f3(d.ci95[0])}, ${f3(d.ci95[1])}], paired DeLong p ${p}, ${users} users`;
  const message = winner
    ? `${names[winner]} ranks better: ${detail}.`
    : `The data cannot tell ${names.a} and ${names.b} apart: ${detail}; the interval of the difference contains 0.`;
  return { winner, metric: 'rocAuc', message };
}

export function comparePaired(
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: CompareOptions = {},
): PairedComparison {
  const threshold = options.threshold ?? 0.5;
  const names = options.names ?? { a: 'A', b: 'B' };
  const auc = pairedDelong(scoresA, scoresB, labels);
  const rankA = rankUsers(scoresA, labels, threshold);
  const rankB = rankUsers(scoresB, labels, threshold);
  const canResample = labels.length > 0;
  const draws = canResample ? drawBootstrap([rankA, rankB], options) : null;
  const pointA = measurePoint(scoresA, labels, threshold);
  const pointB = measurePoint(scoresB, labels, threshold);
  const differences = {} as Record<MetricName, Estimate>;
  const winners = {} as Record<MetricName, Side | null>;
  METRIC_NAMES.forEach((name, i) => {
    differences[name] =
      name === 'rocAuc'
        ? auc.difference
        : {
            value: pointA[i] - pointB[i],
            ci95: draws ? percentileInterval(metricColumn(draws[0], name, draws[1])) : [NaN, NaN],
          };
    winners[name] = favouredSide(differences[name]);
  });
  return {
    names,
    users: labels.length,
    positives: auc.a.positives,
    negatives: auc.a.negatives,
    threshold,
    resamples: draws ? draws[0].resamples : 0,
    seed: options.seed ?? DEFAULT_BOOTSTRAP_SEED,
    auc,
    differences,
    winners,
    verdict: describeAucVerdict(auc, names, labels.length),
  };
}
