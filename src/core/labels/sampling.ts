// Seeded choice of which labelled users to train on: majority down-sampling, a size cap that keeps the class ratio,
// a stratified train / validation split by user, and random matched users for the rule editor's preview.

import type { EventStore } from '../events/types';
import { createRandom } from '../random';
import { LABEL, MATCH_NEGATIVE, MATCH_POSITIVE, type LabelResult } from './types';

export interface SampleOptions {
  /**
   * down-sample the majority class to the size of the minority class. Off is the better default: it keeps every
   * labelled user and balances the classes with loss weights instead (see classWeights)
   */
  balance: boolean;
  /** when not down-sampling, weight each class n / (2·n_class) in the loss (default true) */
  classWeights?: boolean;
  /** 0 = no cap */
  maxSamples: number;
  seed: number;
}

export interface LabelledSample {
  /** user indices, ascending */
  users: Int32Array;
  /** 1 = positive, 0 = negative, aligned with users */
  labels: Float32Array;
  counts: { positive: number; negative: number };
}

export function sampleLabelledUsers(result: LabelResult, options: SampleOptions): LabelledSample {
  const positives = usersWithLabel(result.labels, LABEL.positive);
  const negatives = usersWithLabel(result.labels, LABEL.negative);
  let [p, n] = [positives.length, negatives.length];
  if (options.balance) p = n = Math.min(p, n);
  if (options.maxSamples > 0 && p + n > options.maxSamples)
    [p, n] = capKeepingRatio(p, n, options.maxSamples);
  const random = createRandom(options.seed);
  const keptPositives = chooseSubset(positives, p, random);
  const keptNegatives = chooseSubset(negatives, n, random);
  return mergeSorted(keptPositives, keptNegatives);
}

/** Splits `cap` between the classes in proportion, giving each non-empty class at least one place. */
function capKeepingRatio(p: number, n: number, cap: number): [number, number] {
  let keptP = Math.round((cap * p) / (p + n));
  if (p > 0 && keptP === 0 && cap > 1) keptP = 1;
  if (n > 0 && cap - keptP === 0 && keptP > 1) keptP--;
  return [Math.min(keptP, p), Math.min(cap - keptP, n)];
}

function usersWithLabel(labels: Uint8Array, code: number): Int32Array {
  let total = 0;
  for (let u = 0; u < labels.length; u++) if (labels[u] === code) total++;
  const out = new Int32Array(total);
  let j = 0;
  for (let u = 0; u < labels.length; u++) if (labels[u] === code) out[j++] = u;
  return out;
}

/** k distinct items of `pool` chosen uniformly (partial Fisher–Yates on a copy), returned ascending. */
function chooseSubset(pool: Int32Array, k: number, random: () => number): Int32Array {
  if (k >= pool.length) return pool.slice();
  const work = pool.slice();
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (work.length - i));
    const t = work[i];
    work[i] = work[j];
    work[j] = t;
  }
  return work.slice(0, k).sort();
}

function mergeSorted(positives: Int32Array, negatives: Int32Array): LabelledSample {
  const total = positives.length + negatives.length;
  const users = new Int32Array(total);
  const labels = new Float32Array(total);
  let i = 0;
  let j = 0;
  for (let out = 0; out < total; out++) {
    if (j >= negatives.length || (i < positives.length && positives[i] < negatives[j])) {
      users[out] = positives[i++];
      labels[out] = 1;
    } else users[out] = negatives[j++];
  }
  return { users, labels, counts: { positive: positives.length, negative: negatives.length } };
}

export interface SplitOptions {
  /** share of each class held out for validation, in [0, 1) */
  validationFraction: number;
  seed: number;
}

export interface LabelledUsers {
  users: Int32Array;
  labels: Float32Array;
}

/**
 * Seeded split stratified by class. Users must be distinct, so no user lands in both parts. When the fraction is
 * above 0, each class with at least two users keeps at least one user on each side.
 */
export function splitTrainValidation(
  users: Int32Array,
  labels: Float32Array,
  options: SplitOptions,
): { train: LabelledUsers; validation: LabelledUsers } {
  const f = options.validationFraction;
  if (!(f >= 0 && f < 1)) throw new Error(`validationFraction must be at least 0 and below 1, got ${f}.`);
  if (users.length !== labels.length)
    throw new Error(`users (${users.length}) and labels (${labels.length}) must have the same length.`);
  assertDistinct(users);
  const random = createRandom(options.seed);
  const heldOut = new Uint8Array(users.length);
  for (const cls of [1, 0]) {
    const rows = rowsWithLabel(labels, cls);
    let k = Math.round(rows.length * f);
    if (f > 0 && rows.length >= 2) k = Math.min(Math.max(k, 1), rows.length - 1);
    for (const row of chooseSubset(rows, k, random)) heldOut[row] = 1;
  }
  return { train: pickRows(users, labels, heldOut, 0), validation: pickRows(users, labels, heldOut, 1) };
}

function rowsWithLabel(labels: Float32Array, cls: number): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < labels.length; i++) if ((labels[i] >= 0.5 ? 1 : 0) === cls) rows.push(i);
  return Int32Array.from(rows);
}

function pickRows(users: Int32Array, labels: Float32Array, heldOut: Uint8Array, want: number): LabelledUsers {
  const rows: number[] = [];
  for (let i = 0; i < users.length; i++) if (heldOut[i] === want) rows.push(i);
  return { users: Int32Array.from(rows, (r) => users[r]), labels: Float32Array.from(rows, (r) => labels[r]) };
}

function assertDistinct(users: Int32Array): void {
  const sorted = users.slice().sort();
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i] === sorted[i - 1])
      throw new Error(`User index ${sorted[i]} appears twice; each user must appear once.`);
}

/**
 * Up to n random users on one side, for the editor's preview. 'positive' / 'negative' are the users who match that
 * side's rules only; 'conflict' those who match both (whatever the conflict policy did with them). Ascending order.
 */
export function sampleMatchedUsers(
  _store: EventStore,
  result: LabelResult,
  side: 'positive' | 'negative' | 'conflict',
  n: number,
  seed: number,
): number[] {
  const want =
    side === 'positive'
      ? MATCH_POSITIVE
      : side === 'negative'
        ? MATCH_NEGATIVE
        : MATCH_POSITIVE | MATCH_NEGATIVE;
  const pool = usersWithLabel(result.matches, want);
  return Array.from(chooseSubset(pool, Math.max(0, Math.floor(n)), createRandom(seed)));
}
