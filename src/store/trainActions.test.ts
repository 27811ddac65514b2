import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessLab, type InProcessLab } from '../worker/inProcessClient';
import { resetLabStore, useLab } from './index';
import { openRules } from './rulesActions';
import { changeTrainHyperparameters, setTrainBackend } from './trainSettingsActions';
import { queueTraining, resumeRun } from './trainActions';
import { makeRecord } from '../test/runStorageFixtures';

let lab: InProcessLab;

beforeEach(() => {
  resetLabStore();
  lab = createInProcessLab();
});
afterEach(() => lab.close());

async function until(check: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 30_000) throw new Error(`${what} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('train actions', () => {
  it('numbers a run queued while the previous one is starting after it, not alongside it', async () => {
    const dataset = await lab.client.request('data/demo', { users: 400, seed: 5 });
    useLab.setState({ dataset, dataStatus: 'ready' });
    await openRules(lab.client);
    await until(() => !useLab.getState().evaluating && !!useLab.getState().evaluation, 'rules evaluated');
    setTrainBackend('cpu');
    changeTrainHyperparameters({ epochs: 1 });

    expect(queueTraining(['shallow'], lab.client)).toBe(true);
    // the shallow run has left the queue but its record has not reached the runs list yet
    expect(useLab.getState().queue).toHaveLength(0);
    expect(queueTraining(['lstm'], lab.client)).toBe(true);
    expect(useLab.getState().queue.map((q) => q.name)).toEqual(['lstm #2']);

    await until(
      () => useLab.getState().runs.length === 2 && useLab.getState().queue.length === 0,
      'two runs',
    );
    await until(() => useLab.getState().runs.every((r) => r.status !== 'running'), 'runs finished');
    expect(useLab.getState().runs.map((r) => r.name)).toEqual(['shallow #1', 'lstm #2']);
  });

  it('Resume of a run the worker holds no checkpoint for says so and leaves the run as it was', async () => {
    const dataset = await lab.client.request('data/demo', { users: 300, seed: 5 });
    const cut = makeRecord('cut', { status: 'interrupted', name: 'shallow #4' });
    useLab.setState({ dataset, dataStatus: 'ready', runs: [cut], resumable: ['cut'] });
    await resumeRun('cut', lab.client);
    const state = useLab.getState();
    expect(state.trainError).toMatch(/^Could not resume shallow #4: .*no saved checkpoint to resume from/);
    expect(state.runs).toEqual([cut]);
    expect(state.trainingNow).toBeNull();
    expect(state.live).toEqual({});
  });
});
