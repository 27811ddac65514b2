// Stratified k-fold assignment and out-of-fold scores: with a small labelled set every labelled user gets a score
// from a model that never saw it (the label audit needs exactly that), and the folds' metrics vary like repeats.

import { createRandom, shuffleInPlace } from '../../random';

export const DEFAULT_FOLDS = 5;

export interface FoldOptions {
  /** number of folds (default 5) */
  k?: number;
  seed?: number;
}

/**
 * Fold index per row, stratified by class: each class is shuffled (seeded) and dealt round-robin, continuing from
 * where the previous class stopped, so every fold holds each class within one user and the folds' sizes differ
 * by at most one.
 */
export function assignStratifiedFolds(labels: ArrayLike<number>, options: FoldOptions = {}): Uint8Array {
  const k = options.k ?? DEFAULT_FOLDS;
  if (!(Number.isInteger(k) && k >= 2 && k <= 255))
    throw new Error(`k-fold needs a whole k in [2, 255], got ${k}.`);
  if (labels.length < k) throw new Error(`${labels.length} users cannot fill ${k} folds.`);
  const random = createRandom(options.seed ?? 1);
  const folds = new Uint8Array(labels.length);
  let next = 0;
  for (const cls of [1, 0]) {
    const rows: number[] = [];
    for (let i = 0; i < labels.length; i++) if ((labels[i] > 0.5 ? 1 : 0) === cls) rows.push(i);
    for (const row of shuffleInPlace(Int32Array.from(rows), random)) {
      folds[row] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}

export interface Fold {
  fold: number;
  /** rows to train on: every other fold */
  train: Int32Array;
  /** rows to score */
  test: Int32Array;
}

export function foldRows(folds: Uint8Array, fold: number): Fold {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < folds.length; i++) (folds[i] === fold ? test : train).push(i);
  return { fold, train: Int32Array.from(train), test: Int32Array.from(test) };
}

/**
 * Out-of-fold scores: for each fold, `trainAndScore` trains on the other folds and returns the scores of the fold's
 * rows (in `test` order). Training is the caller's (real TF.js in the app), so this stays pure and testable.
 */
export async function collectOutOfFoldScores(
  labels: ArrayLike<number>,
  trainAndScore: (fold: Fold) => Promise<Float32Array>,
  /** allAtOnce: start every fold at once (workers that train folds side by side); default one after another */
  options: FoldOptions & { allAtOnce?: boolean } = {},
): Promise<{ scores: Float32Array; folds: Uint8Array }> {
  const folds = assignStratifiedFolds(labels, options);
  const k = options.k ?? DEFAULT_FOLDS;
  const scores = new Float32Array(labels.length).fill(NaN);
  const place = (fold: Fold, s: Float32Array) => {
    if (s.length !== fold.test.length)
      throw new Error(`Fold ${fold.fold + 1} returned ${s.length} scores for ${fold.test.length} users.`);
    fold.test.forEach((row, i) => (scores[row] = s[i]));
  };
  const all = Array.from({ length: k }, (_, f) => foldRows(folds, f));
  if (options.allAtOnce) {
    const results = await Promise.all(all.map((fold) => trainAndScore(fold)));
    all.forEach((fold, f) => place(fold, results[f]));
  } else for (const fold of all) place(fold, await trainAndScore(fold));
  return { scores, folds };
}
