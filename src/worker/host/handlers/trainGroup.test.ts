// idb's wrapper looks up the IDB classes globally, even for the factory the test passes
import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_RULES } from '../../../core/labels';
import { DEFAULT_HYPERPARAMETERS } from '../../../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../../../core/runs';
import { createInProcessJobLink, storeCopyBytes, type JobLink } from '../../../core/sweeps';
import { generateDemo } from '../../../core/synthetic';
import { createLoopbackJobLink } from '../../../test/jobLinks';
import type { DatasetInfo } from '../../protocol/dataMessages';
import type { EventKind } from '../../protocol';
import type { TrainRunRequest } from '../../protocol/trainMessages';
import { openRunStorage, type RunStorage } from '../../storage/runStorage';
import { createWorkerState, type WorkerState } from '../state';
import { handlers } from '.';
import { trainGroup } from './trainGroup';
import type { HandlerContext } from './types';

const world = generateDemo({ users: 500, seed: 6 });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function stateOver(storage: RunStorage): WorkerState {
  const state = createWorkerState({ runStorage: storage });
  state.dataset = { store: world.store, truth: null, info: {} as DatasetInfo };
  return state;
}

const request = (index: number, epochs = 2): TrainRunRequest => ({
  runId: `seed-${index}`,
  name: `Shallow ${index + 1}`,
  kind: 'shallow',
  hyperparameters: {
    ...DEFAULT_HYPERPARAMETERS.shallow,
    hidden: 8,
    epochs,
    dropout: 0.2,
    patience: 0,
    seed: 1 + index,
  },
  backend: 'cpu',
  setup: {
    rules: DEMO_RULES,
    sampling: DEFAULT_SAMPLING,
    features: { ...DEFAULT_FEATURE_OPTIONS, months: 6, days: 10 },
  },
  group: { id: 'g', mode: 'seeds', index, of: 2 },
  // resumed on the lab worker alone (Node has no Web Workers for replicas)
  workers: 1,
});

type Heard = { kind: EventKind; runId: string; payload: unknown };

function context(state: WorkerState, onEvent?: (e: Heard) => void) {
  const events: Heard[] = [];
  const ctx: HandlerContext = {
    signal: new AbortController().signal,
    emit: (kind, payload) => {
      const e = { kind, runId: (payload as { runId: string }).runId, payload };
      events.push(e);
      onEvent?.(e);
    },
    transfer: [],
    state,
  };
  return { ctx, events };
}

const spawnOf = (links: JobLink[]) => (count: number) => {
  expect(count).toBe(links.length);
  return links;
};

describe('a group of repeats on job sub-workers in the lab worker', () => {
  it('keeps each run as train/run keeps it: same curves, registered model, saved weights, per-run events', async () => {
    const storage = openRunStorage(new IDBFactory());
    const state = stateOver(storage);
    const { ctx, events } = context(state);
    const runs = [request(0), request(1)];
    const records = await trainGroup(
      { runs, workers: 4 },
      ctx,
      spawnOf([createInProcessJobLink(), createInProcessJobLink()]),
    );
    expect(records.map((r) => [r.id, r.status, r.workers, r.jobWorkers, r.group?.index])).toEqual([
      ['seed-0', 'done', 1, 2, 0],
      ['seed-1', 'done', 1, 2, 1],
    ]);
    for (const run of runs) {
      const mine = events.filter((e) => e.runId === run.runId).map((e) => e.kind);
      expect(mine[0]).toBe('train/started');
      expect(mine.filter((k) => k === 'train/epoch')).toHaveLength(2);
      expect(mine).toContain('train/batch');
      expect(mine.at(-1)).toBe('train/ended');
    }
    // the normal path on one worker gives the same run
    const normal = stateOver(openRunStorage(new IDBFactory()));
    const alone = await handlers['train/run'](request(1), context(normal).ctx);
    const grouped = records[1];
    expect(Math.abs(grouped.validation!.rocAuc - alone.validation!.rocAuc)).toBeLessThan(1e-6);
    grouped.epochs.forEach((e, i) =>
      expect(Math.abs(e.valLoss - alone.epochs[i].valLoss)).toBeLessThan(1e-6),
    );
    const a = state.runs
      .get('seed-1')!
      .model.getWeights()
      .flatMap((w) => Array.from(w.dataSync()));
    const b = normal.runs
      .get('seed-1')!
      .model.getWeights()
      .flatMap((w) => Array.from(w.dataSync()));
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-6);
    // saved like any run: record, weights, validation scores; no checkpoint left; nothing active
    const saved = await storage.loadRecords();
    expect(saved.map((r) => [r.id, r.status]).sort()).toEqual([
      ['seed-0', 'done'],
      ['seed-1', 'done'],
    ]);
    expect(await storage.loadModel('seed-0')).toBeDefined();
    expect(await storage.checkpointIds()).toEqual([]);
    expect(state.activeRuns.size).toBe(0);
  }, 120_000);

  it('ends a run whose sub-worker dies interrupted at its checkpoint, the other run done, and Resume finishes it', async () => {
    const storage = openRunStorage(new IDBFactory());
    const state = stateOver(storage);
    const runs = [request(0, 3), request(1, 3)];
    const records = await trainGroup(
      { runs, workers: 2 },
      context(state).ctx,
      spawnOf([createLoopbackJobLink().link, createLoopbackJobLink({ dieAfterEpochOf: 'seed-1' }).link]),
    );
    const cut = records.find((r) => r.id === 'seed-1')!;
    expect(cut.status).toBe('interrupted');
    expect(cut.epochs).toHaveLength(1);
    expect(cut.message).toBe(
      'Interrupted at epoch 1: Shallow 2 could not finish on its job worker: the worker thread exited (code 1). Its checkpoint of epoch 1 is kept: Resume continues it from there on the lab worker.',
    );
    expect(records.find((r) => r.id === 'seed-0')?.status).toBe('done');
    const resumed = await handlers['train/resume']({ runId: 'seed-1' }, context(state).ctx);
    expect(resumed.status).toBe('done');
    expect(resumed.epochs).toHaveLength(3);
    const alone = await handlers['train/run'](
      request(1, 3),
      context(stateOver(openRunStorage(new IDBFactory()))).ctx,
    );
    resumed.epochs.forEach((e, i) =>
      expect(Math.abs(e.valLoss - alone.epochs[i].valLoss)).toBeLessThan(1e-6),
    );
  }, 120_000);

  it('stops one run after its current batch (kept, stopped) while the other trains on', async () => {
    const state = stateOver(openRunStorage(new IDBFactory()));
    const asked: Promise<boolean>[] = [];
    // Stop through the worker's train/stop, as the page sends it, once the run's first epoch is in
    const { ctx } = context(state, (e) => {
      if (e.runId === 'seed-0' && e.kind === 'train/epoch' && asked.length === 0)
        asked.push(handlers['train/stop']({ runId: 'seed-0' }, ctx));
    });
    const runs = [request(0, 6), request(1, 6)];
    const records = await trainGroup(
      { runs, workers: 2 },
      ctx,
      spawnOf([createLoopbackJobLink().link, createLoopbackJobLink().link]),
    );
    expect(await asked[0]).toBe(true);
    const stopped = records.find((r) => r.id === 'seed-0')!;
    expect(stopped.status).toBe('stopped');
    expect(stopped.epochs.length).toBeLessThan(6);
    expect(state.runs.get('seed-0')).toBeDefined();
    expect(records.find((r) => r.id === 'seed-1')?.epochs).toHaveLength(6);
  }, 120_000);

  it('trains the group one after another in the lab worker, saying why, when one copy of the store is all that fits', async () => {
    // a device whose data budget (a quarter of its memory) holds the lab worker's store and 1.5 copies more
    vi.stubGlobal('navigator', { deviceMemory: (2.5 * storeCopyBytes(world.store)) / (0.25 * 1024 ** 3) });
    try {
      const state = stateOver(openRunStorage(new IDBFactory()));
      const { ctx, events } = context(state);
      const never = () => {
        throw new Error('spawned');
      };
      const records = await trainGroup({ runs: [request(0), request(1)], workers: 2 }, ctx, never);
      expect(records.map((r) => [r.status, r.workers, r.jobWorkers])).toEqual([
        ['done', 1, 1],
        ['done', 1, 1],
      ]);
      const notices = events.filter((e) => e.kind === 'train/notice');
      expect(notices.map((e) => e.runId)).toEqual(['seed-0', 'seed-1']);
      expect((notices[0].payload as { message: string }).message).toMatch(
        /^Ran on 1 of the 2 workers asked for: each worker holds its own copy of the dataset/,
      );
      // one after another: the second started after the first ended
      const kinds = events.filter((e) => e.kind === 'train/started' || e.kind === 'train/ended');
      expect(kinds.map((e) => [e.kind, e.runId])).toEqual([
        ['train/started', 'seed-0'],
        ['train/ended', 'seed-0'],
        ['train/started', 'seed-1'],
        ['train/ended', 'seed-1'],
      ]);
      // the same run as the normal path gives
      const alone = await handlers['train/run'](
        request(1),
        context(stateOver(openRunStorage(new IDBFactory()))).ctx,
      );
      records[1].epochs.forEach((e, i) =>
        expect(Math.abs(e.valLoss - alone.epochs[i].valLoss)).toBeLessThan(1e-6),
      );
    } finally {
      vi.unstubAllGlobals();
    }
  }, 120_000);

  it('refuses a group it cannot train, before spawning anything', async () => {
    const state = stateOver(openRunStorage(new IDBFactory()));
    const never = () => {
      throw new Error('spawned');
    };
    await expect(trainGroup({ runs: [request(0)], workers: 2 }, context(state).ctx, never)).rejects.toThrow(
      'A group on job workers needs at least 2 runs.',
    );
    await expect(
      trainGroup({ runs: [request(0), request(1)], workers: 1 }, context(state).ctx, never),
    ).rejects.toThrow('only with Workers set to 2 or more');
  });
});
