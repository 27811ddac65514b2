import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../../../core/labels';
import { DEFAULT_HYPERPARAMETERS } from '../../../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../../../core/runs';
import { generateDemo } from '../../../core/synthetic';
import type { DatasetInfo } from '../../protocol/dataMessages';
import type { EventKind, LabEvents } from '../../protocol';
import { createWorkerState } from '../state';
import type { TrainRunRequest } from '../../protocol/trainMessages';
import { compareHandlers } from './compare';
import { trainHandlers } from './train';
import type { HandlerContext } from './types';

const world = generateDemo({ users: 1200, seed: 3 });

function setUp() {
  const state = createWorkerState();
  state.dataset = { store: world.store, truth: null, info: {} as DatasetInfo };
  const events: { kind: EventKind; payload: unknown }[] = [];
  const ctx: HandlerContext = {
    signal: new AbortController().signal,
    emit: <E extends EventKind>(kind: E, payload: LabEvents[E]) => events.push({ kind, payload }),
    transfer: [],
    state,
  };
  return { state, events, ctx };
}

const request = (runId: string): TrainRunRequest => ({
  runId,
  name: runId,
  kind: 'shallow',
  hyperparameters: { ...DEFAULT_HYPERPARAMETERS.shallow, hidden: 8, epochs: 2, batchSize: 32 },
  backend: 'cpu',
  setup: {
    rules: DEMO_RULES,
    sampling: DEFAULT_SAMPLING,
    features: { ...DEFAULT_FEATURE_OPTIONS, months: 6, days: 10 },
  },
});

describe('train handlers', () => {
  it('refuse a worker count they cannot use before the run starts', async () => {
    const { events, ctx } = setUp();
    await expect(trainHandlers['train/run']({ ...request('w0'), workers: 0 }, ctx)).rejects.toThrow(
      'The run cannot start: workers must be a whole number from 1 to 8, got 0.',
    );
    expect(events).toEqual([]);
  });

  it('train a run on the cpu backend with progress events and keep its model in the registry', async () => {
    const { state, events, ctx } = setUp();
    const req = request('r1');
    const record = await trainHandlers['train/run'](
      { ...req, hyperparameters: { ...req.hyperparameters, epochs: 3, patience: 0 } },
      ctx,
    );
    expect(record.status).toBe('done');
    expect(record.backend).toBe('cpu');
    expect(record.epochs).toHaveLength(3);
    const kinds = events.map((e) => e.kind);
    expect(kinds[0]).toBe('train/started');
    expect(kinds.filter((k) => k === 'train/epoch')).toHaveLength(3);
    expect(kinds).toContain('train/batch');
    expect(kinds).toContain('train/phase');
    const started = events[0].payload as LabEvents['train/started'];
    const batchLogs = events
      .filter((e) => e.kind === 'train/batch')
      .flatMap((e) => (e.payload as LabEvents['train/batch']).logs);
    expect(batchLogs).toHaveLength(started.totalBatches);
    const tensors = events
      .filter((e) => e.kind === 'train/epoch')
      .map((e) => (e.payload as LabEvents['train/epoch']).numTensors);
    // from the second epoch on a copy of the best weights is held; after that the count stays flat
    expect(tensors[2]).toBe(tensors[1]);
    const run = state.runs.get('r1');
    expect(run?.validation.scores).toHaveLength(started.validationUsers);
    expect(run?.validation.scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    const before = tf.memory().numTensors;
    state.runs.delete('r1');
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  it('split on the data seed: runs differing only in the model seed validate on the same users, paired', async () => {
    const { state, ctx } = setUp();
    const base = request('s1');
    await trainHandlers['train/run'](base, ctx);
    await trainHandlers['train/run'](
      { ...request('s2'), hyperparameters: { ...base.hyperparameters, seed: base.hyperparameters.seed + 1 } },
      ctx,
    );
    const users1 = state.runs.get('s1')!.validation.users;
    const users2 = state.runs.get('s2')!.validation.users;
    expect(users1.length).toBeGreaterThan(0);
    expect(Array.from(users2)).toEqual(Array.from(users1));
    const [verdict] = await compareHandlers['compare/paired']({ runIds: ['s1', 's2'], threshold: 0.5 }, ctx);
    expect(verdict.unavailable).toBeNull();
    expect(verdict.sameUsers).toBe(true);
    expect(verdict.sharedUsers).toBe(users1.length);
    expect(verdict.comparison!.users).toBe(users1.length);
    const [intervals] = await compareHandlers['compare/intervals']({ runIds: ['s1'], threshold: 0.7 }, ctx);
    expect(intervals.estimates!.threshold).toBe(0.7);
    const auc = intervals.estimates!.metrics.rocAuc;
    expect(auc.ci95[0]).toBeLessThanOrEqual(auc.value);
    expect(auc.ci95[1]).toBeGreaterThanOrEqual(auc.value);
    state.runs.clear();
  });

  it('stop ends the run after the current batch and keeps it as stopped', async () => {
    const { state, events, ctx } = setUp();
    const emit = ctx.emit;
    const stopping: HandlerContext = {
      ...ctx,
      emit: (kind, payload) => {
        emit(kind, payload);
        if (kind === 'train/batch') void trainHandlers['train/stop']({ runId: 'r2' }, ctx);
      },
    };
    const record = await trainHandlers['train/run'](request('r2'), stopping);
    expect(record.status).toBe('stopped');
    expect(record.message).toMatch(/Stopped by the user at epoch 1/);
    expect(events.some((e) => e.kind === 'train/epoch')).toBe(false);
    expect(state.runs.has('r2')).toBe(true);
    expect(await trainHandlers['train/stop']({ runId: 'r2' }, ctx)).toBe(false);
    state.runs.clear();
  });

  it('with a truth file, keeps every user’s score, and the truth figures at 0.5 recompute to the recorded ones', async () => {
    const { state, events, ctx } = setUp();
    state.dataset = { ...state.dataset!, truth: world.truth };
    const req = request('r4');
    const record = await trainHandlers['train/run'](
      { ...req, hyperparameters: { ...req.hyperparameters, epochs: 1 } },
      ctx,
    );
    const kept = state.runs.get('r4')!.validation.allUsers!;
    expect(kept.scores).toHaveLength(world.store.userIds.length);
    // the record keeps the workers it trained on; the scoring phase reports the users scored
    expect(record.workers).toBe(1);
    const scored = events
      .filter((e) => e.kind === 'train/phase')
      .map((e) => (e.payload as LabEvents['train/phase']).scored?.done)
      .filter((d) => d !== undefined);
    expect(scored.at(-1)).toBe(world.store.userIds.length);
    expect(kept.ruleLabels).toHaveLength(world.store.userIds.length);
    const [half] = await compareHandlers['compare/truth']({ runIds: ['r4'], threshold: 0.5 }, ctx);
    expect(half.truth).toEqual(record.evaluation!.truth);
    state.runs.clear();
  });

  it('refuses to start without a dataset, saying where to load one', async () => {
    const { ctx } = setUp();
    ctx.state.dataset = null;
    await expect(trainHandlers['train/run'](request('r3'), ctx)).rejects.toThrow(/Data screen/);
  });

  it('summarises the model for the settings shown', async () => {
    const { ctx } = setUp();
    const summary = await trainHandlers['train/summary'](
      {
        kind: 'lstm',
        hyperparameters: { ...DEFAULT_HYPERPARAMETERS.lstm, hidden: 8, projection: 4 },
        features: { topK: 50, months: 6, days: 10 },
        backend: 'cpu',
      },
      ctx,
    );
    expect(summary.months).toBe(6);
    expect(summary.width).toBeLessThanOrEqual(51);
    expect(summary.totalParams).toBe(summary.layers.reduce((s, l) => s + l.params, 0));
    expect(summary.layers.some((l) => l.className === 'LSTM')).toBe(true);
  });
});
