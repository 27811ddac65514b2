// The trained runs the worker holds: each run's plain record, its TF.js model and its validation scores.
// Tensors never leave the worker; the page keeps the records. The worker state holds one.

import type * as tf from '@tensorflow/tfjs';
import type { RunRecord } from '../../core/runs';
import type { AllUserScores } from '../storage/runStorage';

/** The validation users of a run (store user indices), their rule labels and the run's final scores. */
export interface RunValidation {
  users: Int32Array;
  labels: Float32Array;
  scores: Float32Array;
  /** absent for runs trained without a truth file, unfinished runs and runs saved before it was kept */
  allUsers?: AllUserScores;
}

export interface RegisteredRun {
  record: RunRecord;
  model: tf.LayersModel;
  validation: RunValidation;
}

export interface RunRegistry {
  get(runId: string): RegisteredRun | undefined;
  has(runId: string): boolean;
  /** adds or replaces a run; a replaced run's model is disposed unless it is the same model */
  set(run: RegisteredRun): void;
  /** replaces the stored record (rename, added evaluations); returns false for an unknown run */
  updateRecord(runId: string, change: Partial<RunRecord>): boolean;
  /** removes the run and frees its model's tensors; returns false when there was no such run */
  delete(runId: string): boolean;
  /** every run, in the order they were added */
  list(): RegisteredRun[];
  /** removes every run and frees every model */
  clear(): void;
}

export function createRunRegistry(): RunRegistry {
  const runs = new Map<string, RegisteredRun>();
  return {
    get: (runId) => runs.get(runId),
    has: (runId) => runs.has(runId),
    set(run) {
      const previous = runs.get(run.record.id);
      if (previous && previous.model !== run.model) previous.model.dispose();
      runs.set(run.record.id, run);
    },
    updateRecord(runId, change) {
      const run = runs.get(runId);
      if (!run) return false;
      run.record = { ...run.record, ...change, id: runId };
      return true;
    },
    delete(runId) {
      const run = runs.get(runId);
      if (!run) return false;
      run.model.dispose();
      return runs.delete(runId);
    },
    list: () => [...runs.values()],
    clear() {
      for (const run of runs.values()) run.model.dispose();
      runs.clear();
    },
  };
}
