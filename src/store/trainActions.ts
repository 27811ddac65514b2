// Train actions as plain functions: the run queue ("Train", "Train all three", repeats), Stop, Resume of an
// interrupted run and the backend choice. The worker's training events feed the runs slice from here. The settings'
// setters are in trainSettingsActions.ts, the model summary and weights in modelSummaryActions.ts.

import type { BackendInfo } from '../core/backend';
import type { ModelKind } from '../core/models';
import type { TrainingSetup } from '../core/runs';
import { getLabClient, isWorkerStopped, type LabClient } from '../worker/client';
import type { TrainBatchEvent, TrainStartedEvent } from '../worker/protocol/trainMessages';
import { useLab, type LabState } from './index';
import { getTrainingSetup } from './rulesActions';
import {
  addRun,
  appendEpoch,
  appendLiveBatches,
  endLive,
  enqueueRuns,
  removeQueuedRun,
  takeQueuedRun,
  updateLive,
  updateRun,
} from './runsActions';
import { trainGroupSideBySide } from './trainGroup';
import { beginTraining, failedToTrain, keepFinished, noteResumable } from './trainLive';
import type { QueuedRun } from './runsSlice';
import type { RepeatSetting } from './trainSlice';
import { describeBackend, estimateRemainingMs, nextRunName } from './trainProgress';
import { setBackendLabel } from './uiActions';
import { describeError } from '../core/errors';

const set = useLab.setState;
const get = useLab.getState;

export function dismissTrainError(): void {
  set({ trainError: null });
}

/** The core's TrainingSetup from the Rules screen's rules, sampling and feature settings. */
export function coreSetupFrom(setup: ReturnType<typeof getTrainingSetup>): TrainingSetup {
  return { rules: setup.rules, sampling: { ...setup.sampling }, features: { ...setup.features } };
}

/** Why training cannot start now (empty when it can). */
export function trainingBlockers(state: LabState = get()): string[] {
  if (!state.dataset) return ['Load a dataset on the Data screen first.'];
  const setup = getTrainingSetup(state);
  const blockers = [...setup.blockers];
  if (setup.training && (setup.training.positive < 2 || setup.training.negative < 2))
    blockers.push(
      `Training needs at least 2 positive and 2 negative users; the rules and sampling give ${setup.training.positive} positive and ${setup.training.negative} negative. Adjust the rules on the Rules screen.`,
    );
  return blockers;
}

export function describeBackendInfo(info: BackendInfo | null): string | null {
  return info ? describeBackend(info.backend, info.renderer) : null;
}

function noteBackend(backendInfo: BackendInfo): void {
  set({ backendInfo });
  setBackendLabel(describeBackendInfo(backendInfo));
}

function onStarted(e: TrainStartedEvent): void {
  // a resumed run keeps its place in the list
  if (get().runs.some((r) => r.id === e.runId)) updateRun(e.runId, e.record);
  else addRun(e.record);
  noteBackend(e.backend);
  updateLive(e.runId, {
    epochsBefore: e.record.epochs.length,
    phase: 'training',
    batchesPerEpoch: e.batchesPerEpoch,
    totalBatches: e.totalBatches,
    trainUsers: e.trainUsers,
    validationUsers: e.validationUsers,
  });
}

function onBatch(e: TrainBatchEvent): void {
  const live = get().live[e.runId];
  if (!live) return;
  appendLiveBatches(e.runId, e.logs, {
    batchesDone: e.batchesDone,
    elapsedMs: e.elapsedMs,
    samplesPerSec: e.samplesPerSec,
    remainingMs: estimateRemainingMs({ ...e, totalBatches: live.totalBatches }),
  });
}

/** Routes the worker's training events into the store (once per client). */
export function connectTrainEvents(client: LabClient): void {
  const current = get().trainEvents;
  if (current?.client === client) return;
  current?.off();
  const offs = [
    client.on('train/started', onStarted),
    client.on('train/batch', onBatch),
    client.on('train/epoch', (e) => appendEpoch(e.runId, e.log, e.numTensors)),
    client.on('train/phase', (e) =>
      updateLive(e.runId, { phase: e.phase, ...(e.scored && { scored: e.scored }) }),
    ),
    client.on('train/backend', noteBackend),
    client.on('train/notice', (e) => set({ runNotices: { ...get().runNotices, [e.runId]: e.message } })),
    // a run of a group on job workers ended (the others go on)
    client.on('train/ended', (e) => {
      if (e.record) {
        keepFinished(e.record);
        noteResumable(e.record);
      }
      endLive(e.runId);
    }),
  ];
  set({ trainEvents: { client, off: () => offs.forEach((off) => off()) } });
}

const newId = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

function queuedRun(kind: ModelKind, setup: TrainingSetup, taken: { name: string }[]): QueuedRun {
  const { byKind, backend, workers } = get().trainSettings;
  return {
    id: newId('run'),
    name: nextRunName(kind, taken),
    kind,
    hyperparameters: { ...byKind[kind] },
    backend,
    workers,
    setup,
  };
}

/**
 * The runs of one kind for the repeat setting: one run, or k runs that differ only in the model seed (seed, seed + 1,
 * …) or only in the fold they validate on, tagged as one group.
 */
export function repeatedRuns(
  kind: ModelKind,
  setup: TrainingSetup,
  taken: { name: string }[],
  repeats: RepeatSetting = get().repeats,
): QueuedRun[] {
  if (repeats.mode === 'single') {
    const run = queuedRun(kind, setup, taken);
    taken.push(run);
    return [run];
  }
  const id = newId('group');
  return Array.from({ length: repeats.k }, (_, index) => {
    const run = queuedRun(kind, setup, taken);
    taken.push(run);
    const group = { id, mode: repeats.mode as 'seeds' | 'folds', index, of: repeats.k };
    const seed = run.hyperparameters.seed + (repeats.mode === 'seeds' ? index : 0);
    return { ...run, hyperparameters: { ...run.hyperparameters, seed }, group };
  });
}

/** Queues one run (or one group of repeats) per kind with the current settings and starts the first when nothing trains. */
export function queueTraining(kinds: readonly ModelKind[], client: LabClient = getLabClient()): boolean {
  const blockers = trainingBlockers();
  if (blockers.length) {
    set({ trainError: blockers.join(' ') });
    return false;
  }
  connectTrainEvents(client);
  const setup = coreSetupFrom(getTrainingSetup());
  // the run that is starting is in neither list for a moment: count it, or two runs could share a number
  const now = get().trainingGroup?.runs ?? (get().trainingNow ? [get().trainingNow!] : []);
  const starting = now
    .filter((n) => !get().runs.some((r) => r.name === n.name))
    .map((n) => ({ name: n.name }));
  const taken: { name: string }[] = [...get().runs, ...starting, ...get().queue];
  const runs = kinds.flatMap((kind) => repeatedRuns(kind, setup, taken));
  enqueueRuns(runs);
  set({ trainError: null });
  void pumpQueue(client);
  return true;
}

/**
 * Starts the next queued run unless one is training or a sweep holds the worker's training slot (the sweep starts
 * the queue when it ends); runs one after another until the queue is empty.
 */
export async function pumpQueue(client: LabClient = getLabClient()): Promise<void> {
  if (get().trainingNow !== null || get().sweepRunning !== null) return;
  const next = takeQueuedRun();
  if (!next) return;
  // a group of repeats with Workers above 1: its runs train whole side by side on job workers
  if (next.group && (next.workers ?? 1) > 1) return trainGroupSideBySide(next, client, pumpQueue);
  beginTraining(next);
  let workerStopped = false;
  try {
    const { id, name, kind, hyperparameters, backend, workers, setup, group } = next;
    const record = await client.request('train/run', {
      runId: id,
      name,
      kind,
      hyperparameters,
      backend,
      workers,
      setup,
      ...(group && { group }),
    });
    keepFinished(record);
    noteResumable(record);
  } catch (error) {
    workerStopped = failedToTrain(error, next.name);
  } finally {
    endLive(next.id);
    set({ trainingNow: null });
  }
  if (!workerStopped) void pumpQueue(client);
}

/**
 * Continues an interrupted run from its saved checkpoint (same settings, same data) to the result the uninterrupted
 * run would have given. Queued runs start after it.
 */
export async function resumeRun(runId: string, client: LabClient = getLabClient()): Promise<void> {
  const run = get().runs.find((r) => r.id === runId);
  if (!run) return;
  if (get().trainingNow !== null || get().sweepRunning !== null) {
    const what = get().sweepRunning ? 'A sweep' : 'A run';
    set({ trainError: `${what} is training: resume ${run.name} after it ends, or stop it first.` });
    return;
  }
  connectTrainEvents(client);
  set({ resumable: get().resumable.filter((id) => id !== runId), trainError: null });
  beginTraining(run);
  let workerStopped = false;
  try {
    const record = await client.request('train/resume', { runId });
    keepFinished(record);
    noteResumable(record);
  } catch (error) {
    // the worker died under it: store/workerRecovery brings it back interrupted at its newest checkpoint
    workerStopped = isWorkerStopped(error);
    // still interrupted, and still resumable once the cause (e.g. another dataset loaded) is fixed
    set({
      resumable: [...new Set([...get().resumable, runId])],
      ...(!workerStopped && { trainError: `Could not resume ${run.name}: ${describeError(error)}` }),
    });
  } finally {
    endLive(runId);
    set({ trainingNow: null });
  }
  if (!workerStopped) void pumpQueue(client);
}

/** Stops a running run after its current batch (it keeps what it learned), or takes a queued run off the queue. */
export async function stopRun(runId: string, client: LabClient = getLabClient()): Promise<void> {
  if (get().queue.some((q) => q.id === runId)) {
    removeQueuedRun(runId);
    return;
  }
  if (!get().live[runId]) return;
  updateLive(runId, { stopRequested: true });
  try {
    await client.request('train/stop', { runId });
  } catch (error) {
    set({ trainError: `Could not stop the run: ${describeError(error)}` });
  }
}

/** Starts the chosen backend now (when nothing trains), so the header shows what will run. */
export async function applyBackendChoice(client: LabClient = getLabClient()): Promise<void> {
  if (get().trainingNow !== null || !get().dataset) return;
  connectTrainEvents(client);
  try {
    noteBackend(await client.request('train/backend', { backend: get().trainSettings.backend }));
  } catch (error) {
    set({
      trainError: `Could not start the ${get().trainSettings.backend} backend: ${describeError(error)}`,
    });
  }
}
