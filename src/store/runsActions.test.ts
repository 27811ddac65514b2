import { beforeEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../core/runs';
import { resetLabStore, useLab } from './index';
import {
  addRun,
  appendEpoch,
  appendLiveBatches,
  endLive,
  enqueueRuns,
  removeQueuedRun,
  removeRun,
  selectRun,
  startLive,
  takeQueuedRun,
} from './runsActions';
import { DEMO_RULES } from '../core/labels';
import { DEFAULT_HYPERPARAMETERS } from '../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../core/runs';
import { pickShownRun, type RunProgress } from './runsSlice';

function record(id: string): RunRecord {
  return { id, name: id, status: 'running', epochs: [] } as unknown as RunRecord;
}

function progress(runId: string): RunProgress {
  return {
    runId,
    phase: 'training',
    batches: [],
    batchesDone: 0,
    totalBatches: 10,
    batchesPerEpoch: 5,
    samplesPerSec: 0,
    elapsedMs: 0,
    remainingMs: null,
    tensorsPerEpoch: [],
    trainUsers: 100,
    validationUsers: 20,
    stopRequested: false,
  };
}

const queued = (id: string) => ({
  id,
  name: id,
  kind: 'shallow' as const,
  hyperparameters: DEFAULT_HYPERPARAMETERS.shallow,
  backend: 'webgl' as const,
  setup: { rules: DEMO_RULES, sampling: DEFAULT_SAMPLING, features: DEFAULT_FEATURE_OPTIONS },
});

beforeEach(() => resetLabStore());

describe('runs actions', () => {
  it('keeps runs in creation order and grows the running record epoch by epoch', () => {
    addRun(record('a'));
    addRun(record('b'));
    startLive(progress('b'));
    const epoch = {
      epoch: 0,
      loss: 0.5,
      accuracy: 0.8,
      valLoss: 0.6,
      valAccuracy: 0.75,
      elapsed: 1,
      samplesPerSec: 9,
    };
    appendEpoch('b', epoch, 42);
    const state = useLab.getState();
    expect(state.runs.map((r) => r.id)).toEqual(['a', 'b']);
    expect(state.runs[1].epochs).toEqual([epoch]);
    expect(state.live.b.tensorsPerEpoch).toEqual([42]);
    expect(pickShownRun(state)?.id).toBe('b');
  });

  it('appends live batches and forgets them when the run ends', () => {
    addRun(record('a'));
    startLive(progress('a'));
    appendLiveBatches('a', [{ epoch: 0, batch: 0, loss: 0.7, accuracy: 0.5 }], { batchesDone: 1 });
    appendLiveBatches('a', [{ epoch: 0, batch: 1, loss: 0.6, accuracy: 0.6 }], { batchesDone: 2 });
    expect(useLab.getState().live.a.batches.map((b) => b.batch)).toEqual([0, 1]);
    expect(useLab.getState().live.a.batchesDone).toBe(2);
    endLive('a');
    expect(useLab.getState().live).toEqual({});
  });

  it('takes queued runs first in, first out, and a removed run never starts', () => {
    enqueueRuns([queued('q1'), queued('q2'), queued('q3')]);
    removeQueuedRun('q2');
    expect(takeQueuedRun()?.id).toBe('q1');
    expect(takeQueuedRun()?.id).toBe('q3');
    expect(takeQueuedRun()).toBeNull();
  });

  it('removing the selected run clears the selection', () => {
    addRun(record('a'));
    addRun(record('b'));
    selectRun('a');
    expect(pickShownRun(useLab.getState())?.id).toBe('a');
    removeRun('a');
    expect(useLab.getState().selectedRunId).toBeNull();
    expect(pickShownRun(useLab.getState())?.id).toBe('b');
  });
});
