// Sweep handler: plans the points from the Train screen's settings and the swept values, prepares one split, and
// trains every run (no run may train meanwhile), reporting progress and each point's summary. With the Workers
// setting above 1 the runs train whole on job sub-workers side by side (the same rows, sooner); Cancel ends them all.

import { prepareTrainingData } from '../../../core/runs';
import { yieldToEventLoop } from '../../../core/events';
import {
  createJobSetup,
  parseSweepSpace,
  planSweep,
  runSweep,
  startJobWorkers,
  type JobLink,
} from '../../../core/sweeps';
import { checkTrainWorkers } from '../../../core/training';
import { ensureBackend } from '../backend';
import { planJobWorkersFor, spawnJobWorkers } from '../jobWorkers';
import type { Handler } from './types';

/** A sweep holds this key in activeRuns while it trains, so a run cannot start beside it (and it not beside one). */
export const SWEEP_RUN_KEY = 'sweep';
/** More runs than this in one sweep is almost surely a typo in the values. */
export const MAX_SWEEP_RUNS = 200;

const runHyperparameterSweep: Handler<'sweep/run'> = async (req, ctx) => {
  const dataset = ctx.state.dataset;
  if (!dataset)
    throw new Error('No dataset is loaded. Load files or the demo dataset on the Data screen first.');
  if (ctx.state.activeRuns.size > 0) throw new Error('A run is training: start the sweep after it ends.');
  const space = parseSweepSpace(req.space);
  const plan = planSweep(req.hyperparameters, {
    space,
    mode: req.mode,
    samples: req.samples,
    seed: req.seed,
    repeats: req.repeats,
  });
  if (plan.runs.length > MAX_SWEEP_RUNS)
    throw new Error(`This sweep has ${plan.runs.length} runs; keep it to ${MAX_SWEEP_RUNS} or fewer.`);
  const workersProblem = checkTrainWorkers(req.workers ?? 1);
  if (workersProblem) throw new Error(`The sweep cannot start: ${workersProblem}.`);
  // never more sub-workers than runs, nor more copies of the store than the tab can hold
  const copies = planJobWorkersFor(Math.min(req.workers ?? 1, plan.runs.length), dataset.store);
  const workers = copies.workers;
  const { info, changed } = await ensureBackend(req.backend);
  if (changed) ctx.state.broadcast('train/backend', info);
  // the split follows the data seed, as a training run's does: the sweep's points validate on the users the Train
  // screen's runs validate on, whatever the model seed
  const prepared = prepareTrainingData(dataset.store, req.setup, {
    validationFraction: req.hyperparameters.validationFraction,
    seed: req.setup.sampling.seed,
  });
  ctx.state.activeRuns.set(SWEEP_RUN_KEY, { stop: false });
  let jobLinks: JobLink[] | undefined;
  try {
    if (workers > 1) {
      jobLinks = spawnJobWorkers(workers);
      // each sub-worker gets the store's typed arrays once and builds the same batches from them
      await startJobWorkers(
        jobLinks,
        createJobSetup({ store: dataset.store, prepared, kind: req.kind, backend: info.backend }),
      );
    }
    const result = await runSweep({
      kind: req.kind,
      plan,
      prepared,
      jobLinks,
      signal: ctx.signal,
      yieldEvery: yieldToEventLoop,
      onProgress: (p) => ctx.emit('sweep/progress', p),
      onRunDone: (_run, point) => ctx.emit('sweep/point', point),
    });
    return {
      ...result,
      kind: req.kind,
      repeats: plan.repeats,
      trainUsers: prepared.train.users.length,
      validationUsers: prepared.validation.users.length,
      backend: info.backend,
      workers,
      workersNotice: copies.notice,
    };
  } finally {
    jobLinks?.forEach((link) => link.dispose());
    ctx.state.activeRuns.delete(SWEEP_RUN_KEY);
  }
};

export const sweepHandlers = {
  'sweep/run': runHyperparameterSweep,
};
