import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { EventKind, LabEvents } from '../../protocol';
import { createWorkerState, type WorkerState } from '../state';
import type { HandlerContext } from './types';
import { dataHandlers } from './data';

function contextFor(
  state: WorkerState,
  events: { kind: EventKind; payload: unknown }[] = [],
): HandlerContext {
  return {
    signal: new AbortController().signal,
    emit: <E extends EventKind>(kind: E, payload: LabEvents[E]) => events.push({ kind, payload }),
    transfer: [],
    state,
  };
}

function waitForPersistence(state: WorkerState): Promise<LabEvents['data/persistence']> {
  return new Promise((resolve) => {
    state.broadcast = (kind, payload) => {
      if (kind === 'data/persistence' && (payload as { state: string }).state !== 'saving')
        resolve(payload as never);
    };
  });
}

const purchases = [
  'user_id,category,time,action',
  'u1,c1,2024-01-05,buy',
  'u2,c1,2024-02-10,buy',
  'u1,c2,2024-02-11,buy',
  'u2,c1,2024-03-01,buy',
  'u1,c1,2024-03-02,pv',
  'u1,c2,not a date,buy',
].join('\n');
const broken = new Uint8Array([0, 1, 2, 3, 0, 255, 0, 7]);

describe('data handlers', () => {
  it('import keeps the good file, reports the broken one, holds the store and saves it for the next visit', async () => {
    const state = createWorkerState();
    const saved = waitForPersistence(state);
    const events: { kind: EventKind; payload: unknown }[] = [];
    const outcome = await dataHandlers['data/import'](
      {
        files: [
          { name: 'purchases.csv', blob: new Blob([purchases]), mapping: null },
          { name: 'broken.csv', blob: new Blob([broken]), mapping: null },
        ],
      },
      contextFor(state, events),
    );
    expect(outcome.dataset?.report.events).toBe(5);
    expect(outcome.dataset?.report.users).toBe(2);
    expect(outcome.report.skipped['bad-time']?.count).toBe(1);
    expect(outcome.report.files.map((f) => f.error === null)).toEqual([true, false]);
    expect(outcome.dataset?.summary.topCategories[0].name).toBe('c1');
    expect(state.dataset?.store.userIds).toEqual(['u1', 'u2']);
    expect(events.some((e) => e.kind === 'data/progress')).toBe(true);
    expect((await saved).state).toBe('saved');

    const fresh = createWorkerState();
    const restored = await dataHandlers['data/restore']({}, contextFor(fresh));
    expect(restored?.report.events).toBe(5);
    expect(fresh.dataset?.store.day.length).toBe(5);

    await dataHandlers['data/clear']({}, contextFor(fresh));
    expect(fresh.dataset).toBeNull();
    expect(await dataHandlers['data/restore']({}, contextFor(createWorkerState()))).toBeNull();
  });

  it('an import with nothing usable leaves the dataset that was loaded before', async () => {
    const state = createWorkerState();
    await dataHandlers['data/import'](
      { files: [{ name: 'purchases.csv', blob: new Blob([purchases]), mapping: null }] },
      contextFor(state),
    );
    const before = state.dataset;
    const outcome = await dataHandlers['data/import'](
      { files: [{ name: 'broken.csv', blob: new Blob([broken]), mapping: null }] },
      contextFor(state),
    );
    expect(outcome.dataset).toBeNull();
    expect(outcome.report.files[0].error).toMatch(/broken\.csv/);
    expect(state.dataset).toBe(before);
  });

  it('append adds a month to the loaded dataset, says what it held before, drops shared events and saves the sum', async () => {
    const state = createWorkerState();
    const header = 'user_id,category_id,category_code,event_time,event_type';
    const october = [
      header,
      'u1,10,kids.toys,2019-10-01,purchase',
      'u2,11,maternity.clothing,2019-10-02,view',
    ];
    const november = [header, 'u1,10,kids.toys,2019-10-01,purchase', 'u3,10,kids.toys,2019-11-03,purchase'];
    await dataHandlers['data/import'](
      { files: [{ name: 'oct.csv', blob: new Blob([october.join('\n')]), mapping: null }] },
      contextFor(state),
    );
    const saved = waitForPersistence(state);
    const outcome = await dataHandlers['data/append'](
      { files: [{ name: 'nov.csv', blob: new Blob([november.join('\n')]), mapping: null }] },
      contextFor(state),
    );
    expect(outcome.dataset?.addedTo).toEqual({ events: 2, users: 2, categories: 2, files: ['oct.csv'] });
    expect(outcome.dataset?.report.events).toBe(3);
    expect(outcome.dataset?.report.users).toBe(3);
    expect(outcome.report.duplicates?.count).toBe(1);
    expect(state.dataset?.store.categoryNames).toEqual(['kids.toys', 'maternity.clothing']);
    expect((await saved).state).toBe('saved');
    const restored = await dataHandlers['data/restore']({}, contextFor(createWorkerState()));
    expect(restored?.report.events).toBe(3);
  });

  it('append with nothing loaded imports the files as a new dataset', async () => {
    const state = createWorkerState();
    const outcome = await dataHandlers['data/append'](
      { files: [{ name: 'purchases.csv', blob: new Blob([purchases]), mapping: null }] },
      contextFor(state),
    );
    expect(outcome.dataset?.report.events).toBe(5);
    expect(outcome.dataset?.addedTo).toBeUndefined();
  });
});
