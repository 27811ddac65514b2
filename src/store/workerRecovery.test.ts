// A lab worker that dies mid-run (crash, out of memory) without a page reload: the in-process client's `kill` ends
// the "worker" as a crash would, the client starts a fresh one over the same (fake) IndexedDB, and the store brings
// back the dataset and the runs through the page-load restore. The run that trained comes back interrupted at its
// last saved epoch; the queued run stays queued; Resume finishes the run with the numbers of the same run never
// interrupted (the queued run, same settings and seed, is that reference).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInProcessLab, type InProcessLab } from '../worker/inProcessClient';
import { openRunStorage } from '../worker/storage/runStorage';
import { connectDataEvents } from './dataActions';
import { resetLabStore, useLab } from './index';
import { openRules } from './rulesActions';
import { changeTrainHyperparameters, setTrainBackend } from './trainSettingsActions';
import { queueTraining, resumeRun } from './trainActions';
import { connectWorkerRecovery } from './workerRecovery';

const EPOCHS = 40;
let lab: InProcessLab;
let offs: (() => void)[] = [];

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  resetLabStore();
  lab = createInProcessLab();
  offs = [connectDataEvents(lab.client), connectWorkerRecovery(lab.client)];
});
afterEach(() => {
  offs.forEach((off) => off());
  lab.close();
  vi.unstubAllGlobals();
});

const state = () => useLab.getState();
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 60_000, interval: 20 });

describe('a lab worker that dies mid-run', () => {
  it('leaves the run interrupted and resumable, the queue waiting, and says what came back', async () => {
    const dataset = await lab.client.request('data/demo', { users: 300, seed: 5 });
    useLab.setState({ dataset, dataStatus: 'ready' });
    await waitFor(() => expect(state().persistence.state).toBe('saved'));
    await openRules(lab.client);
    await waitFor(() => expect(!state().evaluating && !!state().evaluation).toBe(true));
    setTrainBackend('cpu');
    changeTrainHyperparameters({ epochs: EPOCHS, patience: 0 });
    // two runs of the same settings and seed: the second waits in the queue and is the uninterrupted reference
    expect(queueTraining(['shallow', 'shallow'], lab.client)).toBe(true);
    const [first] = [state().trainingNow!];
    expect(state().queue).toHaveLength(1);

    // the worker dies once a checkpoint and the record of its epoch are in storage (read here as the next page would)
    const storage = openRunStorage();
    await vi.waitFor(
      async () => {
        const saved = await storage.loadRecords();
        expect(saved.find((r) => r.id === first.id)?.epochs.length ?? 0).toBeGreaterThanOrEqual(1);
        expect(await storage.checkpointIds()).toContain(first.id);
      },
      { timeout: 60_000, interval: 5 },
    );
    lab.kill('it ran out of memory');

    await waitFor(() => expect(state().workerNotice).toMatch(/took over/));
    const run = state().runs.find((r) => r.id === first.id)!;
    const k = run.epochs.length;
    expect(k).toBeGreaterThanOrEqual(1);
    expect(k).toBeLessThan(EPOCHS);
    expect(run.status).toBe('interrupted');
    expect(run.message).toContain(`Interrupted at epoch ${k}`);
    expect(state().resumable).toContain(first.id);
    expect(state().trainingNow).toBeNull();
    expect(state().live).toEqual({});
    expect(state().trainError).toBeNull();
    // the queued run was not started by the restart
    expect(state().queue.map((q) => q.name)).toEqual(['shallow #2']);
    expect(state().runs).toHaveLength(1);
    // the dataset came back from storage into the fresh worker
    expect(state().dataset?.loadedAt).toBe(dataset.loadedAt);
    expect(state().workerNotice).toBe(
      `The lab's background worker stopped (it ran out of memory); a fresh one took over. The dataset saved in this browser is back. shallow #1 is interrupted at epoch ${k}, its checkpoint kept: Resume continues it on the Train screen. 1 queued run waits: it starts after a Resume or the next Train.`,
    );

    // Resume ends it; the queued reference run follows
    await resumeRun(first.id, lab.client);
    await waitFor(() => expect(state().runs.map((r) => r.status)).toEqual(['done', 'done']));
    const [resumed, reference] = state().runs;
    expect(resumed.epochs).toHaveLength(EPOCHS);
    expect(reference.epochs).toHaveLength(EPOCHS);
    for (const key of ['rocAuc', 'prAuc', 'accuracy'] as const)
      expect(resumed.validation![key]).toBeCloseTo(reference.validation![key], 6);
    expect(resumed.epochs.map((e) => e.loss)).toEqual(reference.epochs.map((e) => e.loss));
  }, 120_000);

  it('keeps its listeners: events of the fresh worker reach the store', async () => {
    const dataset = await lab.client.request('data/demo', { users: 200, seed: 3 });
    useLab.setState({ dataset, dataStatus: 'ready' });
    await waitFor(() => expect(state().persistence.state).toBe('saved'));
    lab.kill('it crashed');
    await waitFor(() => expect(state().workerNotice).toMatch(/took over/));
    expect(state().workerNotice).toContain('(it crashed)');
    // a request to the fresh worker is answered, and its background events land
    const again = await lab.client.request('data/demo', { users: 200, seed: 4 });
    useLab.setState({ dataset: again });
    await waitFor(() => expect(state().persistence).toEqual({ state: 'saved', at: again.loadedAt }));
  });
});
