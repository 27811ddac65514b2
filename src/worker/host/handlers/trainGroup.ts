// A group of repeats (k model seeds, or k folds) trained whole side by side on job sub-workers, when the Workers
// setting is above 1: for small models whole runs in parallel beat data parallelism within each run (no step waits on
// the slowest replica). The lab worker hands out the runs, relays each run's progress under its own runId, saves every
// epoch with its checkpoint (so a run whose sub-worker dies ends interrupted and Resume continues it, on the lab
// worker, the normal way) and keeps each finished run exactly as trainRun keeps one: model, record, saved weights.

import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../../core/models';
import type { PreparedData, RunRecord } from '../../../core/runs';
import {
  createInProcessJobLink,
  createJobSetup,
  prepareRunData,
  runGroupOnJobWorkers,
  startJobWorkers,
  type JobLink,
  type RunJob,
  type RunJobOutcome,
  type RunJobProgress,
} from '../../../core/sweeps';
import { checkTrainWorkers, setModelWeights, type TrainingCheckpoint } from '../../../core/training';
import type { BackendInfo } from '../../../core/backend';
import { describeError } from '../../../core/errors';
import type { TrainGroupRequest, TrainRunRequest } from '../../protocol/trainMessages';
import { planJobWorkersFor, spawnJobWorkers } from '../jobWorkers';
import { createRunPersister, type RunPersister } from '../runStoragePersist';
import type { LoadedDataset } from '../state';
import { batchSizeAt, type BatchThrottle } from './trainThrottle';
import {
  buildStartRecord,
  createProgressThrottle,
  refuseWhileTraining,
  requireDataset,
  switchBackend,
} from './trainRun';
import type { HandlerContext } from './types';

/** One run of the group on the lab worker's side: its split, its saver, its live state. */
interface GroupRun {
  req: TrainRunRequest;
  prepared: PreparedData;
  control: { stop: boolean; onStop?: () => void };
  start?: RunRecord;
  persist?: RunPersister;
  throttle?: BatchThrottle;
  /** built on the lab worker from the weights the job sends: each epoch's snapshot, then the kept model */
  model?: tf.LayersModel;
  checkpoint: TrainingCheckpoint | null;
}

function checkGroup(req: TrainGroupRequest): void {
  if (req.runs.length < 2) throw new Error('A group on job workers needs at least 2 runs.');
  const problem = checkTrainWorkers(req.workers);
  if (problem) throw new Error(`The runs cannot start: ${problem}.`);
  if (req.workers < 2) throw new Error('A group trains on job workers only with Workers set to 2 or more.');
}

/** Trains the group's runs on min(workers, runs) job sub-workers; resolves with the records of the runs that started. */
export async function trainGroup(
  req: TrainGroupRequest,
  ctx: HandlerContext,
  spawn: (count: number) => JobLink[] = (count) => spawnJobWorkers(count, 'job sub-worker'),
): Promise<RunRecord[]> {
  const dataset = requireDataset(ctx.state);
  refuseWhileTraining(ctx.state, 'start the next runs');
  checkGroup(req);
  const backend = await switchBackend(req.runs[0].backend, ctx);
  // the same split each job prepares; preparing here first also refuses bad rules before any worker spawns
  const runs = new Map(
    req.runs.map((r) => [
      r.runId,
      {
        req: r,
        prepared: prepareRunData(dataset.store, r),
        control: { stop: false },
        checkpoint: null,
      } as GroupRun,
    ]),
  );
  // never more sub-workers than runs, nor more copies of the store than the tab can hold; with room for one copy
  // or none the runs train one after another in the lab worker itself, through the same pool (no copy)
  const plan = planJobWorkersFor(Math.min(req.workers, req.runs.length), dataset.store);
  const count = plan.workers;
  runs.forEach((run, runId) => ctx.state.activeRuns.set(runId, run.control));
  const links = count > 1 ? spawn(count) : [createInProcessJobLink()];
  const kept: RunRecord[] = [];
  try {
    await startJobWorkers(links, {
      ...createJobSetup({ store: dataset.store, kind: req.runs[0].kind, backend: backend.backend }),
      truth: dataset.truth,
    });
    const context = { ctx, dataset, backend, count, notice: plan.notice };
    await runGroupOnJobWorkers({
      jobs: req.runs.map((r) => toJob(r, backend)),
      links,
      signal: ctx.signal,
      shouldSkip: (job) => runs.get(job.runId)!.control.stop,
      onStart: (job, stop) => {
        const run = runs.get(job.runId)!;
        run.control.onStop = stop;
        // a Stop that came while it was being handed out
        if (run.control.stop) stop();
        startRun(run, context);
      },
      onProgress: (job, p) => {
        try {
          relay(runs.get(job.runId)!, p, context);
        } catch (err) {
          // this epoch's save is lost (the run trains on, its end is kept or fails on its own)
          ctx.emit('train/notice', {
            runId: job.runId,
            message: `An epoch of this run could not be kept on the lab worker: ${describeError(err)}`,
          });
        }
      },
      onDone: async (job, outcome) => {
        const record = await endSafely(runs.get(job.runId)!, outcome, context);
        if (record) kept.push(record);
        ctx.emit('train/ended', { runId: job.runId, record });
      },
    });
    return kept;
  } finally {
    links.forEach((link) => link.dispose());
    runs.forEach((run, runId) => {
      ctx.state.activeRuns.delete(runId);
      // a model built for snapshots of a run that was not kept
      if (run.model && ctx.state.runs.get(runId)?.model !== run.model) run.model.dispose();
    });
  }
}

interface GroupContext {
  ctx: HandlerContext;
  dataset: LoadedDataset;
  backend: BackendInfo;
  /** the job sub-workers of the group (1: one after another in the lab worker) */
  count: number;
  /** why fewer workers than asked (the store's copies would not fit the tab), told on each run */
  notice: string | null;
}

function toJob(r: TrainRunRequest, backend: BackendInfo): RunJob {
  return {
    runId: r.runId,
    name: r.name,
    kind: r.kind,
    hyperparameters: r.hyperparameters,
    setup: r.setup,
    ...(r.group && { group: r.group }),
    renderer: backend.renderer,
  };
}

/** The record a job run keeps: one worker within the run, and how many ran side by side. */
function asJobRecord(record: RunRecord, c: GroupContext): RunRecord {
  return { ...record, workers: 1, jobWorkers: c.count };
}

function startRun(run: GroupRun, c: GroupContext): void {
  const { ctx } = c;
  const { req, prepared } = run;
  const hp = req.hyperparameters;
  run.start = asJobRecord(buildStartRecord(req, c.dataset, prepared, c.backend), c);
  run.persist = createRunPersister(ctx.state, run.start, prepared.validation);
  const trainUsers = prepared.train.users.length;
  const batchesPerEpoch = Math.ceil(trainUsers / hp.batchSize);
  if (c.notice) ctx.emit('train/notice', { runId: req.runId, message: c.notice });
  ctx.emit('train/started', {
    runId: req.runId,
    record: run.start,
    backend: c.backend,
    batchesPerEpoch,
    totalBatches: batchesPerEpoch * hp.epochs,
    trainUsers,
    validationUsers: prepared.validation.users.length,
  });
  run.throttle = createProgressThrottle(ctx, req.runId);
}

/** The run's model on the lab worker holding these weights (built once, with the run's settings and sizes). */
function modelWith(run: GroupRun, weights: TrainingCheckpoint['weights']): tf.LayersModel {
  const { prepared, req } = run;
  run.model ??= buildModel(req.kind, req.hyperparameters, {
    width: prepared.builder.width,
    months: prepared.spec.months,
    days: prepared.spec.days,
  });
  setModelWeights(run.model, weights, 'job worker’s result');
  return run.model;
}

/** A job's progress as the lab worker's own run would report it, each epoch saved with its checkpoint. */
function relay(run: GroupRun, p: RunJobProgress, c: GroupContext): void {
  const { ctx } = c;
  const { runId } = run.req;
  if (p.type === 'batches') {
    const trainUsers = run.prepared.train.users.length;
    for (const log of p.logs)
      run.throttle?.push(log, batchSizeAt(log.batch, trainUsers, run.req.hyperparameters.batchSize));
    return;
  }
  if (p.type === 'phase') {
    run.throttle?.flush();
    ctx.emit('train/phase', { runId, phase: p.phase, ...(p.scored && { scored: p.scored }) });
    return;
  }
  run.throttle?.flush();
  run.checkpoint = p.checkpoint;
  ctx.emit('train/epoch', { runId, log: p.log, numTensors: tf.memory().numTensors });
  const model = modelWith(run, p.checkpoint.weights);
  run.persist?.saveEpoch(
    p.log,
    { model, validationScores: p.validationScores },
    { request: run.req, checkpoint: p.checkpoint },
  );
}

/** endRun, where a failure to keep the run (e.g. its model cannot be built here) fails that run only. */
async function endSafely(run: GroupRun, outcome: RunJobOutcome, c: GroupContext): Promise<RunRecord | null> {
  try {
    return await endRun(run, outcome, c);
  } catch (err) {
    if (!run.start || !run.persist) return null;
    const failed: RunRecord = {
      ...run.start,
      status: 'failed',
      epochs: run.checkpoint?.epochs ?? [],
      message: `${run.req.name} trained on its job worker but could not be kept: ${describeError(err)}`,
    };
    await run.persist.saveFinished(failed, null);
    return failed;
  }
}

/** Keeps the ended run as trainRun keeps one; null for a run that never started. */
async function endRun(run: GroupRun, outcome: RunJobOutcome, c: GroupContext): Promise<RunRecord | null> {
  if (outcome.status === 'not started' || !run.start || !run.persist) return null;
  run.throttle?.flush();
  const { start, persist, prepared } = run;
  if (outcome.status === 'failed') {
    const failed: RunRecord = {
      ...start,
      status: 'failed',
      epochs: run.checkpoint?.epochs ?? [],
      durationMs: run.checkpoint?.elapsedMs ?? 0,
      message: outcome.message,
    };
    return (await keepInterrupted(run, failed)) ?? (await persist.saveFinished(failed, null), failed);
  }
  const { result } = outcome;
  const finished = asJobRecord(
    { ...result.record, startedAt: start.startedAt, ...(run.req.group && { group: run.req.group }) },
    c,
  );
  if (finished.status === 'failed') {
    await persist.saveFinished(finished, null);
    return finished;
  }
  const model = modelWith(run, result.weights);
  const allUsers = result.scores ? { scores: result.scores, ruleLabels: prepared.labels.labels } : undefined;
  c.ctx.state.runs.set({
    record: finished,
    model,
    validation: { ...prepared.validation, scores: result.validationScores, ...(allUsers && { allUsers }) },
  });
  await persist.saveFinished(finished, model, result.validationScores, allUsers);
  return finished;
}

/**
 * The run's sub-worker died (crash, out of memory): no failure of its settings, so it ends interrupted at its last
 * saved checkpoint, which Resume continues on the lab worker. Null where nothing was saved (no epoch, no storage).
 */
async function keepInterrupted(run: GroupRun, failed: RunRecord): Promise<RunRecord | null> {
  const n = run.checkpoint?.epochsDone ?? 0;
  if (n === 0 || !run.persist) return null;
  const interrupted: RunRecord = {
    ...failed,
    status: 'interrupted',
    message: `Interrupted at epoch ${n}: ${failed.message}. Its checkpoint of epoch ${n} is kept: Resume continues it from there on the lab worker.`,
  };
  return (await run.persist.saveInterrupted(interrupted)) ? interrupted : null;
}
