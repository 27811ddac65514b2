// A contiguous run of a store's users as a store of its own, so a scoring worker is sent only its share of the
// events (copied into fresh buffers it can take over) instead of the whole dataset.

import type { EventStore } from '../../events/types';

/**
 * Users [lo, hi) of `store`: their events (offsets rebased to 0), every category, and the WHOLE store's day range,
 * because the as-of date 'latest' is read from maxDay: a chunk's own latest event would move every window.
 */
export function sliceStoreUsers(store: EventStore, lo: number, hi: number): EventStore {
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && 0 <= lo && lo <= hi && hi <= store.userIds.length))
    throw new Error(`Users ${lo}..${hi} are not a range of this store's ${store.userIds.length} users.`);
  const first = store.userStart[lo];
  const last = store.userStart[hi];
  const userStart = new Uint32Array(hi - lo + 1);
  for (let u = lo; u <= hi; u++) userStart[u - lo] = store.userStart[u] - first;
  return {
    userIds: store.userIds.slice(lo, hi),
    categoryIds: store.categoryIds,
    categoryNames: store.categoryNames,
    userStart,
    category: store.category.slice(first, last),
    day: store.day.slice(first, last),
    action: store.action.slice(first, last),
    count: store.count.slice(first, last),
    minDay: store.minDay,
    maxDay: store.maxDay,
  };
}

/** The typed arrays of a store (for postMessage's transfer list: a chunk's buffers are its own). */
export function storeBuffers(store: EventStore): ArrayBuffer[] {
  return [store.userStart, store.category, store.day, store.action, store.count].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
