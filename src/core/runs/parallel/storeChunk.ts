// The buffers of a store chunk (core/events sliceStoreUsers: a contiguous run of users as a store of its own, with
// the whole store's categories and day range) for postMessage's transfer list: the chunk's buffers are its own copies.

import type { EventStore } from '../../events/types';

export function storeBuffers(store: EventStore): ArrayBuffer[] {
  return [store.userStart, store.category, store.day, store.action, store.count].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
