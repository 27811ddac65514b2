// Saves runs while they train (after every epoch: record, weights, validation scores; at the end: the final run) and
// serves what the worker knows of saved runs: restore after a reload, rename, delete, validation scores, and models
// loaded back into the run registry on first use. Each epoch's training checkpoint is saved before its record, so a
// run the record calls interrupted at epoch k can resume from epoch k (or later); a finished run drops its checkpoint. Writes of one run go through one chain, so they land in order and
// a delete waits for them. Storage failures never fail a run: they are reported with a 'compare/storage' event.

import type * as tf from '@tensorflow/tfjs';
import { exportModelArtifacts, loadModelFromArtifacts } from '../../core/bundle';
import { computeBinaryMetrics } from '../../core/evaluation';
import type { EpochLog, RunRecord } from '../../core/runs';
import type { EpochSnapshot } from '../../core/training';
import { activeBackend, ensureBackend } from './backend';
import type { RegisteredRun } from './runRegistry';
import {
  describeRunStorageError,
  markInterrupted,
  type AllUserScores,
  type RunStorage,
  type SavedCheckpoint,
  type SavedValidation,
} from '../storage/runStorage';
import type { RunSaving, WorkerState } from './state';

function reportFailure(state: WorkerState, ctx: RunSaving, record: RunRecord, error: unknown): void {
  if (ctx.reported.has(record.id)) return;
  ctx.reported.add(record.id);
  state.broadcast('compare/storage', {
    runId: record.id,
    message: describeRunStorageError(error, record.name),
  });
}

/** Queues a write of the run after its earlier writes; failures are reported, never thrown. */
function enqueue(
  state: WorkerState,
  ctx: RunSaving,
  record: RunRecord,
  write: (storage: RunStorage) => Promise<void>,
): Promise<void> {
  const storage = ctx.storage;
  if (!storage) return Promise.resolve();
  const previous = ctx.chains.get(record.id) ?? Promise.resolve();
  const next = previous.then(async () => {
    if (ctx.deleted.has(record.id)) return;
    try {
      await write(storage);
    } catch (error) {
      reportFailure(state, ctx, record, error);
    }
  });
  ctx.chains.set(record.id, next);
  return next;
}

/**
 * Starts serialising the model now: TF.js reads every weight before the first await, so the files hold this moment's
 * weights even though training goes on while they are written.
 */
function snapshotModel(model: tf.LayersModel) {
  const files = exportModelArtifacts(model);
  files.catch(() => undefined); // awaited (and reported) in the write chain; this only marks it handled
  return files;
}

export interface RunPersister {
  /**
   * after every completed epoch: the record so far plus that epoch's weights and validation scores, and the training
   * checkpoint of the same epoch (written first)
   */
  saveEpoch(log: EpochLog, snapshot: EpochSnapshot, checkpoint?: SavedCheckpoint): void;
  /** the run ended: its final record, and its model and validation scores (and all-user scores) unless it failed */
  saveFinished(
    record: RunRecord,
    model: tf.LayersModel | null,
    scores?: Float32Array,
    allUsers?: AllUserScores,
  ): Promise<void>;
  /**
   * the run stopped short through no fault of its own (a replica died): its record as interrupted, its last epoch's
   * model and checkpoint kept for Resume; false (nothing written) where runs are not saved
   */
  saveInterrupted(record: RunRecord): Promise<boolean>;
  /** resolves when every write queued so far for this run has finished (or failed and been reported) */
  settled(): Promise<void>;
}

export function createRunPersister(
  state: WorkerState,
  start: RunRecord,
  validation: { users: Int32Array; labels: Float32Array },
): RunPersister {
  const ctx = state.saving;
  ctx.training.add(start.id);
  // a resumed run's record starts with the epochs of its checkpoint
  const epochs: EpochLog[] = [...start.epochs];
  const named = (record: RunRecord): RunRecord => ({
    ...record,
    name: ctx.names.get(record.id) ?? record.name,
  });
  const parts = (
    files: Awaited<ReturnType<typeof exportModelArtifacts>>,
    scores: Float32Array,
    allUsers?: AllUserScores,
  ) => ({
    model: files,
    validation: { users: validation.users, labels: validation.labels, scores, ...(allUsers && { allUsers }) },
  });
  return {
    saveEpoch(log, snapshot, checkpoint) {
      epochs.push(log);
      const scores = snapshot.validationScores.slice();
      const record = named({
        ...start,
        status: 'running',
        epochs: [...epochs],
        durationMs: log.elapsed * 1000,
        paramCount: snapshot.model.countParams(),
        validation: computeBinaryMetrics(scores, validation.labels, 0.5),
      });
      const files = snapshotModel(snapshot.model);
      void enqueue(state, ctx, record, async (s) => {
        if (checkpoint) await s.saveCheckpoint(record.id, checkpoint);
        await s.saveRun(record, parts(await files, scores));
      });
    },
    async saveFinished(record, model, scores, allUsers) {
      const final = named(record);
      ctx.training.delete(record.id);
      ctx.names.delete(record.id);
      ctx.resumable.delete(record.id);
      if (!model || !scores) {
        await enqueue(state, ctx, final, async (s) => {
          await s.saveRun(final);
          await s.deleteParts(final.id);
          await s.deleteCheckpoint(final.id);
        });
        return;
      }
      const files = snapshotModel(model);
      await enqueue(state, ctx, final, async (s) => {
        await s.saveRun(final, parts(await files, scores, allUsers));
        await s.deleteCheckpoint(final.id);
      });
    },
    async saveInterrupted(record) {
      ctx.training.delete(record.id);
      ctx.names.delete(record.id);
      if (!ctx.storage) return false;
      const final = named(record);
      ctx.saved.set(final.id, final);
      ctx.resumable.add(final.id);
      await enqueue(state, ctx, final, (s) => s.saveRun(final));
      return true;
    },
    settled: () => ctx.chains.get(start.id) ?? Promise.resolve(),
  };
}

/** Every saved run, runs cut off by a reload marked 'interrupted' (and saved so); runs training now are skipped. */
export async function restoreSavedRuns(state: WorkerState): Promise<RunRecord[]> {
  const ctx = state.saving;
  if (!ctx.storage) return [];
  const records = (await ctx.storage.loadRecords()).filter((r) => !ctx.training.has(r.id));
  const withCheckpoint = new Set(await ctx.storage.checkpointIds());
  const changed = new Map(markInterrupted(records, withCheckpoint).map((r) => [r.id, r]));
  const runs = records.map((r) => changed.get(r.id) ?? r);
  // interrupted now or at an earlier restore (a second reload, a replica that died): resumable while its checkpoint is kept
  for (const run of runs)
    if (run.status === 'interrupted' && withCheckpoint.has(run.id)) ctx.resumable.add(run.id);
  for (const run of runs) ctx.saved.set(run.id, run);
  for (const run of changed.values()) await enqueue(state, ctx, run, (s) => s.saveRun(run));
  return runs;
}

/** Renames a run in the registry and in storage; false when neither knows it. */
export async function renameSavedRun(state: WorkerState, runId: string, name: string): Promise<boolean> {
  const ctx = state.saving;
  const registry = state.runs;
  if (ctx.training.has(runId)) ctx.names.set(runId, name);
  const inRegistry = registry.updateRecord(runId, { name });
  const saved = ctx.saved.get(runId);
  const record = registry.get(runId)?.record ?? (saved ? { ...saved, name } : null);
  if (saved) ctx.saved.set(runId, { ...saved, name });
  if (record) await enqueue(state, ctx, record, (s) => s.saveRun(record));
  return inRegistry || saved !== undefined || ctx.training.has(runId);
}

/** Frees the run's model tensors and removes its saved entries. Refuses a run that is training now. */
export async function deleteSavedRun(state: WorkerState, runId: string): Promise<boolean> {
  const ctx = state.saving;
  if (ctx.training.has(runId)) throw new Error('This run is still training: stop it first, then delete it.');
  const known = state.runs.delete(runId) || ctx.saved.has(runId);
  ctx.deleted.add(runId);
  ctx.saved.delete(runId);
  ctx.validation.delete(runId);
  ctx.resumable.delete(runId);
  await ctx.chains.get(runId);
  ctx.chains.delete(runId);
  await ctx.storage?.deleteRun(runId);
  return known;
}

/** The run's record: from the registry, else as restored from storage. */
export function findRunRecord(state: WorkerState, runId: string): RunRecord | undefined {
  return state.runs.get(runId)?.record ?? state.saving.saved.get(runId);
}

/** The run's validation users, labels and scores: from the registry, else from storage (cached). */
export async function loadRunValidation(
  state: WorkerState,
  runId: string,
): Promise<SavedValidation | undefined> {
  const live = state.runs.get(runId);
  if (live) return live.validation;
  const ctx = state.saving;
  const cached = ctx.validation.get(runId);
  if (cached || !ctx.storage || !ctx.saved.has(runId)) return cached;
  const loaded = await ctx.storage.loadValidation(runId);
  if (loaded) ctx.validation.set(runId, loaded);
  return loaded;
}

/**
 * The registered run, loading a saved run's model back into the registry on first use (for scoring and export).
 * Undefined for an unknown run or one saved without weights.
 */
export async function ensureRegisteredRun(
  state: WorkerState,
  runId: string,
): Promise<RegisteredRun | undefined> {
  const registry = state.runs;
  const live = registry.get(runId);
  if (live) return live;
  const ctx = state.saving;
  const record = ctx.saved.get(runId);
  if (!record || !ctx.storage) return undefined;
  const [files, validation] = await Promise.all([
    ctx.storage.loadModel(runId),
    loadRunValidation(state, runId),
  ]);
  if (!files || !validation) return undefined;
  if (!activeBackend()) {
    const { info } = await ensureBackend(record.backend);
    state.broadcast('train/backend', info);
  }
  const model = await loadModelFromArtifacts(files.modelJson, files.weights);
  if (registry.has(runId)) model.dispose();
  else registry.set({ record, model, validation });
  return registry.get(runId);
}

/** The saved request and checkpoint of an interrupted run, or undefined when it has none (or storage is off). */
export async function loadRunCheckpoint(
  state: WorkerState,
  runId: string,
): Promise<SavedCheckpoint | undefined> {
  const ctx = state.saving;
  if (!ctx.storage) return undefined;
  await ctx.chains.get(runId);
  return ctx.storage.loadCheckpoint(runId);
}
