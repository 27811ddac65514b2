// Sorts scores once per class and walks them from the highest score down in groups of tied scores, so every
// threshold-free metric (ROC AUC, average precision, ROC and PR curves) shares one exact, tie-aware pass.

/**
 * Tie groups of scores, highest score first, as parallel arrays (millions of users must not become millions of
 * objects). Group k holds the users whose score equals score[k]; tp[k] and fp[k] count the positives and negatives
 * scoring at or above score[k], i.e. those tagged when the threshold is score[k].
 */
export interface RankedScores {
  positives: number;
  negatives: number;
  groups: number;
  score: Float64Array;
  tp: Float64Array;
  fp: Float64Array;
}

/** A label counts as positive when it is above 0.5 (labels are 1/0, possibly as floats). */
export function isPositiveLabel(label: number): boolean {
  return label > 0.5;
}

/** NaN scores rank below everything (a model that produced NaN did not tag the user). */
function scoreKey(score: number): number {
  return Number.isNaN(score) ? -Infinity : score;
}

/** Splits scores by class and sorts each ascending with the fast native numeric sort of typed arrays. */
function splitSorted(scores: ArrayLike<number>, labels: ArrayLike<number>): [Float64Array, Float64Array] {
  if (scores.length !== labels.length) {
    throw new Error(`Got ${scores.length} scores but ${labels.length} labels: they must pair one to one.`);
  }
  let nPos = 0;
  for (let i = 0; i < labels.length; i++) if (isPositiveLabel(labels[i])) nPos++;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(labels.length - nPos);
  let p = 0;
  let q = 0;
  for (let i = 0; i < labels.length; i++) {
    if (isPositiveLabel(labels[i])) pos[p++] = scoreKey(scores[i]);
    else neg[q++] = scoreKey(scores[i]);
  }
  return [pos.sort(), neg.sort()];
}

/** Groups the scores by distinct value, highest first, with cumulative true and false positives. */
export function rankScores(scores: ArrayLike<number>, labels: ArrayLike<number>): RankedScores {
  const [pos, neg] = splitSorted(scores, labels);
  const n = pos.length + neg.length;
  const score = new Float64Array(n);
  const tpAt = new Float64Array(n);
  const fpAt = new Float64Array(n);
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let k = 0;
  while (i >= 0 || j >= 0) {
    const s = Math.max(i >= 0 ? pos[i] : -Infinity, j >= 0 ? neg[j] : -Infinity);
    while (i >= 0 && pos[i] === s) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === s) {
      fp++;
      j--;
    }
    score[k] = s;
    tpAt[k] = tp;
    fpAt[k] = fp;
    k++;
  }
  return {
    positives: pos.length,
    negatives: neg.length,
    groups: k,
    score: score.subarray(0, k),
    tp: tpAt.subarray(0, k),
    fp: fpAt.subarray(0, k),
  };
}
