// Keeps the loaded dataset (typed arrays, dictionaries, truth, report) in IndexedDB, so a reload loses nothing.

import type { EventStore, TruthTable } from '../../core/events';
import type { DatasetInfo } from '../protocol/dataMessages';
import { openKeyValueDb } from './idb';
import type { LoadedDataset } from '../host/state';

const DB_NAME = 'tag-lab-dataset';
const STORE = 'dataset';
const KEY = 'current';
/** bump when the saved shape changes; older records are then ignored rather than misread */
const FORMAT = 1;

interface SavedDataset {
  format: number;
  store: EventStore;
  truth: TruthTable | null;
  info: DatasetInfo;
}

export async function saveDataset(dataset: LoadedDataset, factory?: IDBFactory): Promise<void> {
  const db = await openKeyValueDb(DB_NAME, [STORE], factory);
  try {
    const record: SavedDataset = {
      format: FORMAT,
      store: dataset.store,
      truth: dataset.truth,
      info: dataset.info,
    };
    await db.put(STORE, KEY, record);
  } finally {
    db.close();
  }
}

export async function loadDataset(factory?: IDBFactory): Promise<LoadedDataset | null> {
  const db = await openKeyValueDb(DB_NAME, [STORE], factory);
  try {
    const record = await db.get<SavedDataset>(STORE, KEY);
    if (!record || record.format !== FORMAT) return null;
    return { store: record.store, truth: record.truth, info: record.info };
  } finally {
    db.close();
  }
}

export async function deleteDataset(factory?: IDBFactory): Promise<void> {
  const db = await openKeyValueDb(DB_NAME, [STORE], factory);
  try {
    await db.delete(STORE, KEY);
  } finally {
    db.close();
  }
}
