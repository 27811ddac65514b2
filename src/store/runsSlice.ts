// The runs of this session: every run's plain RunRecord (creation order), the queue of runs waiting to start, and
// live progress for the runs that are training. Tensors stay in the worker (src/worker/runRegistry.ts).

import type { StateCreator } from 'zustand';
import type { BackendName, Hyperparameters, ModelKind } from '../core/models';
import type { RunPhase, TrainingSetup, BatchLog, RunGroupTag, RunRecord } from '../core/runs';
import type { LabState } from './index';

/**
 * 'preparing': labelling, splitting and building inputs before the first batch; 'waiting': a run of a group on job
 * workers that waits for a free worker
 */
export type LivePhase = 'waiting' | 'preparing' | RunPhase;

/** What the Train screen shows while a run trains. */
export interface RunProgress {
  runId: string;
  phase: LivePhase;
  /** users scored so far in the scoring phase (on the run's workers) */
  scored?: { done: number; total: number };
  /** every batch log so far (for the smoothed per-batch line) */
  batches: BatchLog[];
  batchesDone: number;
  /** batches in all epochs (early stopping may end sooner) */
  totalBatches: number;
  batchesPerEpoch: number;
  samplesPerSec: number;
  elapsedMs: number;
  /** null until a rate is known */
  remainingMs: number | null;
  /** tf.memory().numTensors after each epoch: flat when nothing leaks */
  tensorsPerEpoch: number[];
  trainUsers: number;
  validationUsers: number;
  /** Stop was pressed: the run ends after the current batch */
  stopRequested: boolean;
  /** epochs a resumed run had finished before this training began (0 for a new run) */
  epochsBefore?: number;
}

/** A run waiting for the one before it ("Train all three", or Train pressed while another run trains). */
export interface QueuedRun {
  id: string;
  name: string;
  kind: ModelKind;
  hyperparameters: Hyperparameters;
  backend: BackendName;
  /** data-parallel workers (absent: 1) */
  workers?: number;
  /** the rules, sampling and feature options when it was queued */
  setup: TrainingSetup;
  /** one of a group of repeats (k seeds or k folds) */
  group?: RunGroupTag;
}

export interface RunsSlice {
  /** every started run, in creation order; a running run's record grows epoch by epoch */
  runs: RunRecord[];
  queue: QueuedRun[];
  /** runId → progress, for runs that are training now */
  live: Record<string, RunProgress>;
  /** the run whose curves are shown */
  selectedRunId: string | null;
  /** interrupted runs with a saved checkpoint: Resume continues them */
  resumable: string[];
  /** runId → what happened to it while it trained (e.g. it moved to WASM after a lost WebGL context) */
  runNotices: Record<string, string>;
}

export const initialRunsState: RunsSlice = {
  runs: [],
  queue: [],
  live: {},
  selectedRunId: null,
  resumable: [],
  runNotices: {},
};

export const createRunsSlice: StateCreator<LabState, [], [], RunsSlice> = () => ({ ...initialRunsState });

/** The run shown in the charts: the selected one, else the running one, else the latest. */
export function pickShownRun(state: RunsSlice): RunRecord | null {
  const { runs, selectedRunId, live } = state;
  return (
    runs.find((r) => r.id === selectedRunId) ??
    runs.find((r) => live[r.id] !== undefined) ??
    runs[runs.length - 1] ??
    null
  );
}
