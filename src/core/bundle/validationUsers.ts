// A run's validation users travel in its bundle by user id (store indices mean nothing in another page), with their
// rule labels and the run's scores, so a restored run's comparison (metrics with intervals, curves, paired tests)
// works like any other run's. Bundles written before this carry none and restore as before.

import { BundleError } from './errors';

/** In tag-lab.json: one entry per validation user, in the same order in each list; a NaN score is null. */
export interface BundleValidation {
  userIds: string[];
  labels: number[];
  scores: (number | null)[];
}

/** The validation of a run in a page: store user indices, labels and scores. */
export interface IndexedValidation {
  users: Int32Array;
  labels: Float32Array;
  scores: Float32Array;
}

/** The run's validation users by id, for the bundle. */
export function validationForBundle(
  validation: IndexedValidation,
  storeUserIds: readonly string[],
): BundleValidation {
  const n = validation.users.length;
  if (validation.labels.length !== n || validation.scores.length !== n)
    throw new Error(
      `Validation lists differ in length: ${n} users, ${validation.labels.length} labels, ${validation.scores.length} scores.`,
    );
  return {
    userIds: Array.from(validation.users, (u) => storeUserIds[u]),
    labels: Array.from(validation.labels),
    scores: Array.from(validation.scores, (s) => (Number.isFinite(s) ? s : null)),
  };
}

/** Throws a BundleError unless the value is a well-formed BundleValidation. */
export function checkBundleValidation(value: unknown): BundleValidation {
  const v = value as Partial<BundleValidation> | null;
  const fine =
    typeof v === 'object' &&
    v !== null &&
    Array.isArray(v.userIds) &&
    Array.isArray(v.labels) &&
    Array.isArray(v.scores) &&
    v.labels.length === v.userIds.length &&
    v.scores.length === v.userIds.length &&
    v.userIds.every((id) => typeof id === 'string') &&
    v.labels.every((l) => l === 0 || l === 1) &&
    v.scores.every((s) => s === null || (typeof s === 'number' && s >= 0 && s <= 1));
  if (!fine) {
    throw new BundleError(
      'tag-lab.json holds validation users that are not three lists of equal length (user ids as text, labels 0 or 1, ' +
        'scores between 0 and 1). Export the bundle again.',
    );
  }
  return v as BundleValidation;
}

/**
 * The validation back in this page's terms: each id becomes its index in the loaded dataset; an id the dataset does
 * not hold (or no dataset) gets a negative placeholder no store index equals, so it never pairs with another run's user.
 */
export function validationFromBundle(
  validation: BundleValidation,
  storeUserIds: readonly string[] | null,
): IndexedValidation {
  const indexOf = new Map<string, number>();
  storeUserIds?.forEach((id, u) => indexOf.set(id, u));
  return {
    users: Int32Array.from(validation.userIds, (id, i) => indexOf.get(id) ?? -1 - i),
    labels: Float32Array.from(validation.labels),
    scores: Float32Array.from(validation.scores, (s) => (s === null ? NaN : s)),
  };
}
