// Keeps trained runs in IndexedDB (a database of their own, apart from the dataset): each run's plain record, its
// model files (model.json + weights) and its validation users, labels and scores (plus every user's score when the
// dataset had a truth file), so a reload loses no run and the threshold table and truth panel still work. Records and model files are separate stores, so listing runs never reads weights.
// While a run trains it also holds the run's latest training checkpoint and request, so an interrupted run can resume.

import type { ModelArtifactsFiles } from '../../core/bundle';
import type { RunRecord } from '../../core/runs';
import type { TrainingCheckpoint } from '../../core/training';
import type { TrainRunRequest } from '../protocol/trainMessages';
import { openKeyValueDb, type KeyValueDb } from './idb';
import { describeError } from '../../core/errors';

const DB_NAME = 'tag-lab-runs';
const RECORDS = 'records';
const MODELS = 'models';
const VALIDATION = 'validation';
const CHECKPOINTS = 'checkpoints';
const STORES = [RECORDS, MODELS, VALIDATION, CHECKPOINTS] as const;
/** the database's IndexedDB version: 2 added the checkpoints store */
const DB_VERSION = 2;
/** bump when the saved shape changes; older entries are then ignored rather than misread */
const FORMAT = 1;

/**
 * Every user's final score (store order) and the run's rule label per user (LABEL codes): kept when the dataset had a
 * truth file, so the truth metrics can be recomputed at any threshold.
 */
export interface AllUserScores {
  scores: Float32Array;
  ruleLabels: Uint8Array;
}

interface SavedRecord {
  format: number;
  record: RunRecord;
}

/** The validation users of a run (store indices), their rule labels and the run's scores, in the same order. */
export interface SavedValidation {
  users: Int32Array;
  labels: Float32Array;
  scores: Float32Array;
  /** every user's score and rule label, saved with the finished run when the dataset had a truth file */
  allUsers?: AllUserScores;
}

/** What resuming a run needs: the request that started it (settings, data setup) and its latest checkpoint. */
export interface SavedCheckpoint {
  request: TrainRunRequest;
  checkpoint: TrainingCheckpoint;
}

export interface SavedRunParts {
  model?: ModelArtifactsFiles;
  validation?: SavedValidation;
}

export interface RunStorage {
  /** writes the record and, when given, the model files and validation scores (model and scores first) */
  saveRun(record: RunRecord, parts?: SavedRunParts): Promise<void>;
  /** every saved record, oldest first */
  loadRecords(): Promise<RunRecord[]>;
  loadModel(runId: string): Promise<ModelArtifactsFiles | undefined>;
  loadValidation(runId: string): Promise<SavedValidation | undefined>;
  /** removes the model files and validation scores but keeps the record (a failed run) */
  deleteParts(runId: string): Promise<void>;
  deleteRun(runId: string): Promise<void>;
  saveCheckpoint(runId: string, saved: SavedCheckpoint): Promise<void>;
  loadCheckpoint(runId: string): Promise<SavedCheckpoint | undefined>;
  deleteCheckpoint(runId: string): Promise<void>;
  /** the ids of the runs that have a checkpoint (reads no checkpoint) */
  checkpointIds(): Promise<string[]>;
}

/**
 * Runs that were still training when the page went away become 'interrupted', kept up to their last saved epoch.
 * Returns only the records it changed.
 */
export function markInterrupted(
  records: readonly RunRecord[],
  resumable: ReadonlySet<string> = new Set(),
): RunRecord[] {
  return records
    .filter((r) => r.status === 'running' || r.status === 'queued')
    .map((r) => {
      const n = r.epochs.length;
      const kept = n === 0 ? 'no epoch had finished' : `kept as of epoch ${n} (its weights and curves)`;
      const next = resumable.has(r.id)
        ? 'Resume continues it from its last saved epoch to the result an uninterrupted run would give.'
        : 'Doctored-data and truth checks were not run.';
      return {
        ...r,
        status: 'interrupted' as const,
        message: `Interrupted at epoch ${n}: the page was reloaded or closed, or its worker stopped, while this run trained; ${kept}. ${next}`,
      };
    });
}

function byStart(a: RunRecord, b: RunRecord): number {
  return a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0;
}

export function openRunStorage(factory?: IDBFactory): RunStorage {
  async function withDb<T>(work: (db: KeyValueDb) => Promise<T>): Promise<T> {
    const db = await openKeyValueDb(DB_NAME, STORES, factory, DB_VERSION);
    try {
      return await work(db);
    } finally {
      db.close();
    }
  }
  return {
    saveRun: (record, parts = {}) =>
      withDb(async (db) => {
        if (parts.model) await db.put(MODELS, record.id, parts.model);
        if (parts.validation) await db.put(VALIDATION, record.id, parts.validation);
        const saved: SavedRecord = { format: FORMAT, record };
        await db.put(RECORDS, record.id, saved);
      }),
    loadRecords: () =>
      withDb(async (db) => {
        const saved = await db.getAll<SavedRecord>(RECORDS);
        return saved
          .filter((s) => s?.format === FORMAT)
          .map((s) => s.record)
          .sort(byStart);
      }),
    loadModel: (runId) => withDb((db) => db.get<ModelArtifactsFiles>(MODELS, runId)),
    loadValidation: (runId) => withDb((db) => db.get<SavedValidation>(VALIDATION, runId)),
    deleteParts: (runId) =>
      withDb(async (db) => {
        await db.delete(MODELS, runId);
        await db.delete(VALIDATION, runId);
      }),
    deleteRun: (runId) =>
      withDb(async (db) => {
        await db.delete(RECORDS, runId);
        await db.delete(MODELS, runId);
        await db.delete(VALIDATION, runId);
        await db.delete(CHECKPOINTS, runId);
      }),
    saveCheckpoint: (runId, saved) =>
      withDb((db) => db.put(CHECKPOINTS, runId, { format: FORMAT, ...saved })),
    loadCheckpoint: (runId) =>
      withDb(async (db) => {
        const saved = await db.get<SavedCheckpoint & { format: number }>(CHECKPOINTS, runId);
        return saved?.format === FORMAT
          ? { request: saved.request, checkpoint: saved.checkpoint }
          : undefined;
      }),
    deleteCheckpoint: (runId) => withDb((db) => db.delete(CHECKPOINTS, runId)),
    checkpointIds: () => withDb((db) => db.keys(CHECKPOINTS)),
  };
}

/** A run-storage failure in words the analyst can act on; the run itself stays usable in this page. */
export function describeRunStorageError(error: unknown, runName: string): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const keep = `"${runName}" is still here to compare and export, but will be gone after a reload.`;
  if (name === 'QuotaExceededError') {
    return `The browser has no room left to save run ${keep} Delete runs you no longer need, or free disk space / site storage, then train again to keep it.`;
  }
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return `This browser does not allow saving data for this page (private mode or storage disabled): run ${keep}`;
  }
  const detail = describeError(error);
  return `Saving the run in the browser failed (${detail}): run ${keep}`;
}
