// What the Export screen shows about a scoring, computed from the scores once: tagged users by label source at any
// threshold (sorted scores + binary search, so the threshold slider re-tags without re-scoring) and a histogram.
// Pure: no store, no DOM.

import { labelSourceOf, type LabelSource } from '../core/bundle';

export const LABEL_SOURCES: readonly LabelSource[] = [
  'rule-positive',
  'rule-negative',
  'rule-conflict',
  'unlabelled',
];

/** Each label source's scores sorted ascending (NaN scores left out and counted apart). */
export interface ScoreIndex {
  sorted: Record<LabelSource, Float32Array>;
  /** users whose score is NaN (the model produced none): never tagged */
  unscored: number;
  users: number;
}

export interface SourceCount {
  users: number;
  tagged: number;
}

export interface ThresholdSummary {
  threshold: number;
  users: number;
  tagged: number;
  unscored: number;
  bySource: Record<LabelSource, SourceCount>;
}

export interface HistogramBar {
  /** lower edge of the bin */
  from: number;
  to: number;
  /** users per label source in this bin */
  counts: Record<LabelSource, number>;
}

function perSource<T>(make: (source: LabelSource) => T): Record<LabelSource, T> {
  return Object.fromEntries(LABEL_SOURCES.map((s) => [s, make(s)])) as Record<LabelSource, T>;
}

export function indexScores(scores: ArrayLike<number>, labels: ArrayLike<number>): ScoreIndex {
  const lists = perSource<number[]>(() => []);
  let unscored = 0;
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) unscored++;
    else lists[labelSourceOf(labels[i])].push(scores[i]);
  }
  return {
    sorted: perSource((s) => Float32Array.from(lists[s]).sort()),
    unscored,
    users: scores.length,
  };
}

/** How many of the ascending `sorted` scores are >= threshold (the tag rule of tagScores). */
export function countAtLeast(sorted: Float32Array, threshold: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] >= threshold) hi = mid;
    else lo = mid + 1;
  }
  return sorted.length - lo;
}

/** Users and tagged users per label source at a threshold, from the index alone. */
export function summariseAtThreshold(index: ScoreIndex, threshold: number): ThresholdSummary {
  const bySource = perSource((s) => ({
    users: index.sorted[s].length,
    tagged: countAtLeast(index.sorted[s], threshold),
  }));
  const tagged = LABEL_SOURCES.reduce((n, s) => n + bySource[s].tagged, 0);
  return { threshold, users: index.users, tagged, unscored: index.unscored, bySource };
}

/** Score histogram over [0, 1] in `bins` equal bins, split by label source (a score of exactly 1 joins the last). */
export function buildScoreHistogram(index: ScoreIndex, bins = 20): HistogramBar[] {
  const bars: HistogramBar[] = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    counts: perSource(() => 0),
  }));
  for (const source of LABEL_SOURCES) {
    for (const score of index.sorted[source]) {
      const bin = Math.min(bins - 1, Math.max(0, Math.floor(score * bins)));
      bars[bin].counts[source]++;
    }
  }
  return bars;
}
