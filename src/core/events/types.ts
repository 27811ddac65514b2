// The dataset contract every other part of the core reads: a compact, user-grouped event store plus side tables.

export type Action = 'purchase' | 'click';
export const ACTIONS: readonly Action[] = ['purchase', 'click'];
/** Code stored in EventStore.action. */
export const ACTION_CODE: Readonly<Record<Action, number>> = { purchase: 0, click: 1 };

/**
 * Events in typed arrays, grouped by user (CSR layout): the events of user u are the indices
 * [userStart[u], userStart[u + 1]), sorted by day within the user. About 13 bytes per event.
 */
export interface EventStore {
  /** user index → user id as it appears in the files */
  readonly userIds: readonly string[];
  /** category index → category id as it appears in the files */
  readonly categoryIds: readonly string[];
  /** category index → display name (from the category dictionary, else the id) */
  readonly categoryNames: readonly string[];
  /** length users + 1 */
  readonly userStart: Uint32Array;
  readonly category: Uint32Array;
  /** UTC day number (days since 1970-01-01) */
  readonly day: Int32Array;
  /** ACTION_CODE value */
  readonly action: Uint8Array;
  readonly count: Float32Array;
  /** smallest and largest day over all events; both -1 when there are no events */
  readonly minDay: number;
  readonly maxDay: number;
}

/** Users whose real status is known (the optional truth file). */
export interface TruthTable {
  readonly userIds: readonly string[];
  /** 1 = has the tag, 0 = has not */
  readonly labels: Uint8Array;
  /** optional stage name per user (e.g. "pregnant", "recent mother"); null when the file has none */
  readonly stages: readonly (string | null)[] | null;
}
