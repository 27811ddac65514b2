// Many files, one dataset: files dropped onto a loaded dataset join it on the same user and category ids, as one
// month's export after another. Events the new files share with the loaded dataset or each other count once.

import { EventStoreBuilder } from './storeBuilder';
import { importInto } from './importDataset';
import type { EventStore, TruthTable } from './types';
import type { ImportFileSpec, ImportOptions, ImportResult } from './importTypes';

export interface LoadedDataset {
  store: EventStore;
  truth: TruthTable | null;
}

/** The name the report gives the events that were loaded before (e.g. in a duplicate's example). */
export const LOADED_DATASET = 'the loaded dataset';

/** A builder holding a finished store's users, categories (with their names) and events, in the same order. */
export function builderFromStore(store: EventStore): EventStoreBuilder {
  const builder = new EventStoreBuilder();
  store.categoryIds.forEach((id, c) => {
    builder.addCategory(id);
    if (store.categoryNames[c] !== id) builder.setCategoryName(id, store.categoryNames[c]);
  });
  for (const id of store.userIds) builder.addUser(id);
  const n = store.category.length;
  const user = new Uint32Array(n);
  for (let u = 0; u + 1 < store.userStart.length; u++)
    user.fill(u, store.userStart[u], store.userStart[u + 1]);
  builder.startSource(LOADED_DATASET);
  builder.appendIndexed(
    {
      user,
      category: Uint32Array.from(store.category),
      day: Int32Array.from(store.day),
      action: Uint8Array.from(store.action),
      count: Float32Array.from(store.count),
    },
    n,
  );
  return builder;
}

/**
 * Adds files to a loaded dataset and returns the combined one (the loaded store is not changed). The report's
 * totals describe the combined dataset; its files list and skipped rows only the added files.
 */
export async function appendToDataset(
  loaded: LoadedDataset,
  files: ImportFileSpec[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const truths = loaded.truth ? [loaded.truth] : [];
  return importInto(builderFromStore(loaded.store), truths, files, options);
}
