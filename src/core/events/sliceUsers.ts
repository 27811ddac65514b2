// A contiguous range of a store's users as a store of its own, so a scoring worker can build the same feature batches
// from a part of the events: the categories and the day range stay the whole store's (the as-of date, the vocabulary
// columns and the masks depend on them), the events are copied and userStart starts again at 0.

import type { EventStore } from './types';

export function sliceStoreUsers(store: EventStore, from: number, to: number): EventStore {
  const users = store.userIds.length;
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= users))
    throw new Error(`User range [${from}, ${to}) is not inside the store's ${users} users.`);
  const first = store.userStart[from];
  const last = store.userStart[to];
  const userStart = store.userStart.slice(from, to + 1);
  for (let u = 0; u < userStart.length; u++) userStart[u] -= first;
  return {
    userIds: store.userIds.slice(from, to),
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
