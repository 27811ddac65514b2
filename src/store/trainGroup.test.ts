// The run queue with Workers above 1: a group of repeats goes to the worker whole (train/group) and every run of it
// is live at once. The lab worker here is the in-process one, its job sub-workers in-process job links (Node has no
// Web Workers); everything else is the real store, worker handlers and TF.js.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInProcessJobLink } from '../core/sweeps';
import { handlers } from '../worker/host/handlers';
import { trainGroup } from '../worker/host/handlers/trainGroup';
import { createInProcessLab, type InProcessLab } from '../worker/inProcessClient';
import { openRunStorage } from '../worker/storage/runStorage';
import { connectDataEvents } from './dataActions';
import { connectWorkerRecovery } from './workerRecovery';
import { resetLabStore, useLab } from './index';
import { openRules } from './rulesActions';
import { queueTraining } from './trainActions';
import {
  changeTrainHyperparameters,
  setRepeats,
  setTrainBackend,
  setTrainWorkers,
} from './trainSettingsActions';

let lab: InProcessLab;
const spawned: number[] = [];

beforeEach(() => {
  resetLabStore();
  spawned.length = 0;
  lab = createInProcessLab({
    ...handlers,
    'train/group': (req, ctx) =>
      trainGroup(req, ctx, (count) => {
        spawned.push(count);
        return Array.from({ length: count }, () => createInProcessJobLink());
      }),
  });
});
afterEach(() => lab.close());

const state = () => useLab.getState();
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 60_000, interval: 10 });

async function ready(): Promise<void> {
  const dataset = await lab.client.request('data/demo', { users: 300, seed: 5 });
  useLab.setState({ dataset, dataStatus: 'ready' });
  await openRules(lab.client);
  await waitFor(() => expect(!state().evaluating && !!state().evaluation).toBe(true));
  setTrainBackend('cpu');
  changeTrainHyperparameters({ epochs: 2, patience: 0 });
}

describe('a group of repeats on job workers, from the queue', () => {
  it('sends the group whole, shows every run live (one waiting), and keeps each run with its group', async () => {
    await ready();
    setTrainWorkers(2);
    setRepeats({ mode: 'seeds', k: 3 });
    expect(queueTraining(['shallow'], lab.client)).toBe(true);
    const group = state().trainingGroup!;
    expect(group.workers).toBe(2);
    expect(group.runs.map((r) => r.name)).toEqual(['shallow #1', 'shallow #2', 'shallow #3']);
    expect(state().trainingNow?.id).toBe(group.runs[0].id);
    expect(group.runs.map((r) => state().live[r.id].phase)).toEqual(['preparing', 'preparing', 'waiting']);
    expect(state().queue).toHaveLength(0);
    // a run queued meanwhile is numbered after the group and waits for it
    setRepeats({ mode: 'single', k: 1 });
    // (on one worker: Node has no Web Workers for replicas)
    setTrainWorkers(1);
    expect(queueTraining(['shallow'], lab.client)).toBe(true);
    expect(state().queue.map((q) => q.name)).toEqual(['shallow #4']);

    await waitFor(() => expect(state().runs.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']));
    const runs = state().runs;
    expect(runs.slice(0, 3).map((r) => [r.group?.index, r.group?.of, r.workers, r.jobWorkers])).toEqual([
      [0, 3, 1, 2],
      [1, 3, 1, 2],
      [2, 3, 1, 2],
    ]);
    expect(new Set(runs.slice(0, 3).map((r) => r.hyperparameters.seed)).size).toBe(3);
    // the single run after it trained the normal way
    expect(runs[3].group).toBeUndefined();
    expect(spawned).toEqual([2]);
    await waitFor(() => expect(state().trainingGroup).toBeNull());
    expect(state().live).toEqual({});
  }, 120_000);

  it('trains a group the normal way, one after another, with Workers at 1', async () => {
    await ready();
    setTrainWorkers(1);
    setRepeats({ mode: 'folds', k: 2 });
    expect(queueTraining(['shallow'], lab.client)).toBe(true);
    expect(state().trainingGroup).toBeNull();
    expect(state().queue).toHaveLength(1);
    await waitFor(() => expect(state().runs.map((r) => r.status)).toEqual(['done', 'done']));
    expect(state().runs.map((r) => r.jobWorkers)).toEqual([undefined, undefined]);
    expect(spawned).toEqual([]);
  }, 120_000);
});

describe('a lab worker that dies under a group on job workers', () => {
  it('brings back each run that saved an epoch interrupted with Resume, and names the one that never started', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const offs = [connectDataEvents(lab.client), connectWorkerRecovery(lab.client)];
    try {
      await ready();
      await waitFor(() => expect(state().persistence.state).toBe('saved'));
      changeTrainHyperparameters({ epochs: 40, patience: 0 });
      setTrainWorkers(2);
      setRepeats({ mode: 'seeds', k: 3 });
      expect(queueTraining(['shallow'], lab.client)).toBe(true);
      const [a, b, c] = state().trainingGroup!.runs;
      const storage = openRunStorage();
      // the worker dies once both running runs have a checkpoint and the record of its epoch in storage
      await vi.waitFor(
        async () => {
          const saved = await storage.loadRecords();
          for (const run of [a, b])
            expect(saved.find((r) => r.id === run.id)?.epochs.length ?? 0).toBeGreaterThanOrEqual(1);
          expect(await storage.checkpointIds()).toEqual(expect.arrayContaining([a.id, b.id]));
        },
        { timeout: 60_000, interval: 5 },
      );
      lab.kill('it ran out of memory');
      await waitFor(() => expect(state().workerNotice).toMatch(/took over/));
      for (const run of [a, b]) {
        expect(state().runs.find((r) => r.id === run.id)?.status).toBe('interrupted');
        expect(state().resumable).toContain(run.id);
      }
      expect(state().workerNotice).toContain(`${a.name} is interrupted at epoch`);
      expect(state().workerNotice).toContain(`${b.name} is interrupted at epoch`);
      expect(state().workerNotice).toContain(
        `${c.name} had no saved epoch to come back from: train it again.`,
      );
      expect(state().trainingGroup).toBeNull();
      expect(state().live).toEqual({});
    } finally {
      offs.forEach((off) => off());
      vi.unstubAllGlobals();
    }
  }, 120_000);
});
