// the globals idb checks requests against (IDBRequest…); each test still opens its own factory
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { EventStoreBuilder } from '../../core/events';
import { reportFromStore } from '../host/demoReport';
import { deleteDataset, loadDataset, saveDataset } from './datasetStorage';
import { describeStorageError } from './idb';
import type { LoadedDataset } from '../host/state';

function tinyDataset(): LoadedDataset {
  const builder = new EventStoreBuilder();
  builder.setCategoryName('c1', 'maternity wear');
  builder.push('u2', 'c1', 20_000, 0, 2);
  builder.push('u1', 'c2', 20_010, 1, 1);
  builder.push('u2', 'c2', 19_990, 1, 1);
  const store = builder.finish();
  const truth = { userIds: ['u1'], labels: new Uint8Array([1]), stages: ['pregnant'] };
  const info = {
    source: 'files' as const,
    report: reportFromStore(store, truth),
    summary: { topCategories: [], eventsPerMonth: [] },
    loadedAt: '2026-01-02T03:04:05.000Z',
  };
  return { store, truth, info };
}

describe('dataset storage in IndexedDB', () => {
  it('gives back the same typed arrays, dictionaries, truth and report after a save', async () => {
    const factory = new IDBFactory();
    const saved = tinyDataset();
    await saveDataset(saved, factory);
    const loaded = await loadDataset(factory);
    expect(loaded).not.toBeNull();
    expect(loaded!.store.userIds).toEqual(['u2', 'u1']);
    expect(loaded!.store.categoryNames).toEqual(['maternity wear', 'c2']);
    expect(loaded!.store.day).toBeInstanceOf(Int32Array);
    expect(Array.from(loaded!.store.day)).toEqual([19_990, 20_000, 20_010]);
    expect(Array.from(loaded!.store.userStart)).toEqual([0, 2, 3]);
    expect(Array.from(loaded!.store.count)).toEqual([1, 2, 1]);
    expect(Array.from(loaded!.truth!.labels)).toEqual([1]);
    expect(loaded!.info.report.actions).toEqual({ purchase: 1, click: 2 });
    expect(loaded!.info.report.dateRange).toEqual({ from: '2024-09-24', to: '2024-10-14' });
  });

  it('finds nothing before a save and nothing after a delete', async () => {
    const factory = new IDBFactory();
    expect(await loadDataset(factory)).toBeNull();
    await saveDataset(tinyDataset(), factory);
    await deleteDataset(factory);
    expect(await loadDataset(factory)).toBeNull();
  });

  it('explains a full disk in words and says the dataset is still loaded', () => {
    const message = describeStorageError(new DOMException('quota', 'QuotaExceededError'));
    expect(message).toMatch(/no room left/);
    expect(message).toMatch(/still loaded/);
  });
});
