// One IndexedDB database per area, key → value object stores, through the `idb` package: its shortcuts run each
// get / put / delete in a transaction and resolve when it commits, so quota errors surface there. The factory is a
// parameter so tests can pass fake-indexeddb; the worker uses its own global indexedDB.

import { wrap, type IDBPDatabase } from 'idb';
import { describeError } from '../../core/errors';

/** Key first, as a key → value store reads (idb's own put takes the value first). */
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

function keyValue(db: IDBPDatabase): KeyValueDb {
  return {
    get: (store, key) => db.get(store, key),
    getAll: (store) => db.getAll(store),
    keys: async (store) => (await db.getAllKeys(store)).map(String),
    put: async (store, key, value) => void (await db.put(store, value, key)),
    delete: (store, key) => db.delete(store, key),
    close: () => db.close(),
  };
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
  const db = await wrap(open);
  // idb's type allows undefined for an open request; a successful open always gives the database
  if (!db) throw new Error(`IndexedDB did not open the database "${name}".`);
  return keyValue(db);
}

/** Errors that mean this page may not use IndexedDB at all (private mode, site data blocked, no IndexedDB). */
const UNAVAILABLE = new Set([
  'InvalidStateError',
  'SecurityError',
  'UnknownError',
  'NotAllowedError',
  'ReferenceError',
]);

function errorName(error: unknown): string {
  return error instanceof Error || error instanceof DOMException ? error.name : '';
}

/** Why what this browser saved could not be read back, and what still works; nothing saved is touched. */
export function describeRestoreError(error: unknown): string {
  if (UNAVAILABLE.has(errorName(error)))
    return 'This browser does not let Tag Lab keep data (private mode, or site data turned off): the lab works, but a dataset and runs last only until this page is closed.';
  return `The data saved in this browser could not be read (${describeError(error)}) and was left as it is. The lab works, but what you load now lasts only until this page is closed.`;
}

/** A storage failure in words the analyst can act on. */
export function describeStorageError(error: unknown): string {
  const name = errorName(error);
  if (name === 'QuotaExceededError') {
    return 'The browser has no room left to save this dataset, so it will be gone after a reload (it is still loaded now). Free some disk space or site storage and load it again to keep it.';
  }
  if (UNAVAILABLE.has(name)) {
    return 'This browser does not allow saving data for this page (private mode or storage disabled), so the dataset will be gone after a reload. It is still loaded now.';
  }
  const detail = describeError(error);
  return `Saving the dataset in the browser failed (${detail}). It is still loaded now, but will be gone after a reload.`;
}
