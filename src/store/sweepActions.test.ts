import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInProcessLab } from '../worker/inProcessClient';
import { resetLabStore, useLab } from './index';
import { openRules } from './rulesActions';
import { cancelSweep, changeSweepDraft, startSweep, sweepSpaceEntries } from './sweepActions';
import { initialSweepState } from './sweepSlice';
import { changeTrainHyperparameters } from './trainSettingsActions';
import { queueTraining } from './trainActions';

const lab = createInProcessLab();
let dataset: Awaited<ReturnType<typeof lab.client.request<'data/demo'>>>;

beforeAll(async () => {
  dataset = await lab.client.request('data/demo', { users: 300, seed: 4 });
});
beforeEach(async () => {
  resetLabStore();
  useLab.setState({ dataset, dataStatus: 'ready' });
  await openRules(lab.client);
  await vi.waitFor(() => expect(useLab.getState().evaluation && !useLab.getState().evaluating).toBe(true), {
    timeout: 30_000,
  });
  changeTrainHyperparameters({ epochs: 1 });
  useLab.setState({ trainSettings: { ...useLab.getState().trainSettings, backend: 'cpu' } });
});
afterAll(() => lab.close());

describe('sweep actions', () => {
  it('sends only the filled-in values, spaces removed', () => {
    const draft = {
      ...initialSweepState.sweepDraft,
      values: { hidden: '4, 8', dropout: '', l2: ' ', learningRate: '0.001:0.01' },
    };
    expect(sweepSpaceEntries(draft)).toEqual(['hidden=4,8', 'learningRate=0.001:0.01']);
  });

  it('runs the sweep from the Train settings and keeps the outcome', async () => {
    changeSweepDraft({ values: { hidden: '4,8', dropout: '', l2: '', learningRate: '' } });
    await startSweep(lab.client);
    const s = useLab.getState();
    expect(s.sweepError).toBeNull();
    expect(s.sweepRunning).toBeNull();
    expect(s.sweepOutcome?.points.map((p) => p.settings.hidden)).toEqual([4, 8]);
  });

  it('asks for values when none is given, and Cancel keeps a cancelled outcome', async () => {
    changeSweepDraft({ values: { hidden: '', dropout: '', l2: '', learningRate: '' } });
    await startSweep(lab.client);
    expect(useLab.getState().sweepError).toMatch(/Give values for at least one hyperparameter/);

    changeSweepDraft({ values: { hidden: '4,8,16', dropout: '', l2: '', learningRate: '' } });
    const pending = startSweep(lab.client);
    cancelSweep();
    await pending;
    expect(useLab.getState().sweepOutcome?.status).toBe('cancelled');
  });

  it('holds a run queued during the sweep until the sweep ends, then trains it', async () => {
    changeSweepDraft({ values: { hidden: '4,8', dropout: '', l2: '', learningRate: '' } });
    const sweeping = startSweep(lab.client);
    expect(useLab.getState().sweepRunning).not.toBeNull();
    expect(queueTraining(['shallow'], lab.client)).toBe(true);
    // the run waits: nothing asked the worker to train beside the sweep (which would fail "a sweep is training")
    expect(useLab.getState().trainingNow).toBeNull();
    expect(useLab.getState().queue).toHaveLength(1);
    await sweeping;
    expect(useLab.getState().sweepOutcome?.status).toBe('done');
    await vi.waitFor(() => expect(useLab.getState().runs.map((r) => r.status)).toEqual(['done']), {
      timeout: 60_000,
    });
    expect(useLab.getState().trainError).toBeNull();
    expect(useLab.getState().queue).toEqual([]);
  });
});
