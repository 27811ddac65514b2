// A tiny promise wrapper over IndexedDB: one database per area, key → value object stores.
// The factory is a parameter so tests can pass fake-indexeddb; the worker uses its own global indexedDB.

import { describeError } from '../../core/errors';

export interface KeyValueDb {
  get<T>(store: string, key: string): Promise<T | undefined>;
  /** every value of a store, in key order */
  getAll<T>(store: string): Promise<T[]>;
  /** every key of a store (reads no values) */
  keys(store: string): Promise<string[]>;
  put(store: string, key: string, value: unknown): Promise<void>;
  delete(store: string, key: string): Promise<void>;
  close(): void;
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Resolves when the transaction has committed: quota errors surface here, not on the put request. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () =>
      reject(tx.error ?? new DOMException('The storage transaction was aborted', 'AbortError'));
    tx.onerror = () => reject(tx.error);
  });
}

/** version: bump it when a database gains a store, so browsers that hold the older one create it. */
export async function openKeyValueDb(
  name: string,
  stores: readonly string[],
  factory: IDBFactory = indexedDB,
  version = 1,
): Promise<KeyValueDb> {
  const open = factory.open(name, version);
  open.onupgradeneeded = () => {
    for (const store of stores)
      if (!open.result.objectStoreNames.contains(store)) open.result.createObjectStore(store);
  };
  const db = await promised(open);
  return {
    async get<T>(store: string, key: string) {
      const tx = db.transaction(store, 'readonly');
      return (await promised(tx.objectStore(store).get(key))) as T | undefined;
    },
    async getAll<T>(store: string) {
      const tx = db.transaction(store, 'readonly');
      return (await promised(tx.objectStore(store).getAll())) as T[];
    },
    async keys(store: string) {
      const tx = db.transaction(store, 'readonly');
      return (await promised(tx.objectStore(store).getAllKeys())).map(String);
    },
    async put(store, key, value) {
      const tx = db.transaction(store, 'readwrite');
      tx.objectStore(store).put(value, key);
      await committed(tx);
    },
    async delete(store, key) {
      const tx = db.transaction(store, 'readwrite');
      tx.objectStore(store).delete(key);
      await committed(tx);
    },
    close: () => db.close(),
  };
}

/** A storage failure in words the analyst can act on. */
export function describeStorageError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') {
    return 'The browser has no room left to save this dataset, so it will be gone after a reload (it is still loaded now). Free some disk space or site storage and load it again to keep it.';
  }
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return 'This browser does not allow saving data for this page (private mode or storage disabled), so the dataset will be gone after a reload. It is still loaded now.';
  }
  const detail = describeError(error);
  return `Saving the dataset in the browser failed (${detail}). It is still loaded now, but will be gone after a reload.`;
}
