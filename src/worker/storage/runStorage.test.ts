// the globals idb checks requests against (IDBRequest…); each test still opens its own factory
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { computeBinaryMetrics } from '../../core/evaluation';
import { describeRunStorageError, markInterrupted, openRunStorage } from './runStorage';
import { makeEpochLog as epoch, makeRecord } from '../../test/runStorageFixtures';

describe('run storage in IndexedDB', () => {
  it('gives back records oldest first, model bytes and validation typed arrays, with NaN metrics kept', async () => {
    const storage = openRunStorage(new IDBFactory());
    const oneClass = computeBinaryMetrics([0.2, 0.9], [1, 1]);
    await storage.saveRun(makeRecord('b', { startedAt: '2026-01-02T00:00:00.000Z', validation: oneClass }));
    await storage.saveRun(makeRecord('a'), {
      model: { modelJson: '{"modelTopology":{}}', weights: new Uint8Array([1, 2, 3]) },
      validation: {
        users: new Int32Array([4, 7]),
        labels: new Float32Array([1, 0]),
        scores: new Float32Array([0.75, 0.25]),
      },
    });
    const records = await storage.loadRecords();
    expect(records.map((r) => r.id)).toEqual(['a', 'b']);
    expect(records[1].validation!.rocAuc).toBeNaN();
    expect(records[1].validation!.recall).toBe(0.5);
    const model = await storage.loadModel('a');
    expect(Array.from(model!.weights)).toEqual([1, 2, 3]);
    const validation = await storage.loadValidation('a');
    expect(validation!.users).toBeInstanceOf(Int32Array);
    expect(Array.from(validation!.scores)).toEqual([0.75, 0.25]);
    expect(await storage.loadModel('b')).toBeUndefined();
  });

  it('deleting a run removes its record, model and validation scores; deleteParts keeps the record', async () => {
    const storage = openRunStorage(new IDBFactory());
    const parts = {
      model: { modelJson: '{}', weights: new Uint8Array([9]) },
      validation: {
        users: new Int32Array([1]),
        labels: new Float32Array([1]),
        scores: new Float32Array([1]),
      },
    };
    await storage.saveRun(makeRecord('a'), parts);
    await storage.saveRun(makeRecord('b'), parts);
    await storage.deleteRun('a');
    await storage.deleteParts('b');
    expect((await storage.loadRecords()).map((r) => r.id)).toEqual(['b']);
    expect(await storage.loadModel('a')).toBeUndefined();
    expect(await storage.loadValidation('a')).toBeUndefined();
    expect(await storage.loadModel('b')).toBeUndefined();
  });
});

describe('interrupted runs', () => {
  it('marks only running runs interrupted and says how many epochs were kept', () => {
    const changed = markInterrupted([
      makeRecord('done'),
      makeRecord('cut', { status: 'running', epochs: [epoch(0), epoch(1)] }),
      makeRecord('early', { status: 'running' }),
      makeRecord('stopped', { status: 'stopped' }),
    ]);
    expect(changed.map((r) => [r.id, r.status])).toEqual([
      ['cut', 'interrupted'],
      ['early', 'interrupted'],
    ]);
    expect(changed[0].message).toContain('kept as of epoch 2');
    expect(changed[0].epochs).toHaveLength(2);
    expect(changed[1].message).toContain('no epoch had finished');
  });
});

describe('storage errors', () => {
  it('explains a full disk and says the run stays in the page', () => {
    const message = describeRunStorageError(new DOMException('full', 'QuotaExceededError'), 'lstm #2');
    expect(message).toContain('no room left');
    expect(message).toContain('"lstm #2" is still here');
    expect(message).toContain('Delete runs');
  });
});
