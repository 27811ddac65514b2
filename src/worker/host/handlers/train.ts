// Training handlers: start a run or resume an interrupted one (the run itself is trainRun.ts), stop it, choose the
// backend, and summarise the model of the settings shown.

import { fingerprintData } from '../../../core/bundle';
import { buildFeatureSpec, specWidth } from '../../../core/features';
import { buildModel, summariseModel } from '../../../core/models';
import { findRunRecord, loadRunCheckpoint } from '../runStoragePersist';
import { trainGroup } from './trainGroup';
import { refuseWhileTraining, requireDataset, switchBackend, trainRun } from './trainRun';
import type { Handler } from './types';

const runTraining: Handler<'train/run'> = (req, ctx) => trainRun(req, null, ctx);

const trainRunGroup: Handler<'train/group'> = (req, ctx) => trainGroup(req, ctx);

/** Continues an interrupted run from its saved checkpoint, on the dataset it trained on, to the same result. */
const resumeTraining: Handler<'train/resume'> = async ({ runId }, ctx) => {
  const dataset = requireDataset(ctx.state);
  refuseWhileTraining(ctx.state, 'resume this run');
  const saved = await loadRunCheckpoint(ctx.state, runId);
  if (!saved)
    throw new Error(
      'This run has no saved checkpoint to resume from (it ended, was trained before checkpoints were kept, or the browser storage was cleared). Train it again instead.',
    );
  const record = findRunRecord(ctx.state, runId);
  if (record && record.dataFingerprint !== fingerprintData(dataset.store))
    throw new Error(
      `The loaded dataset is not the one "${record.name}" trained on: load that dataset again, then Resume.`,
    );
  const request = { ...saved.request, name: record?.name ?? saved.request.name };
  const startedAt = record?.startedAt ?? new Date().toISOString();
  return trainRun(request, { checkpoint: saved.checkpoint, startedAt }, ctx);
};

const stopTraining: Handler<'train/stop'> = async ({ runId }, ctx) => {
  const control = ctx.state.activeRuns.get(runId);
  if (!control) return false;
  control.stop = true;
  control.onStop?.();
  return true;
};

const chooseBackend: Handler<'train/backend'> = async ({ backend }, ctx) => {
  refuseWhileTraining(ctx.state, 'switch the backend');
  return switchBackend(backend, ctx);
};

const summarise: Handler<'train/summary'> = async (req, ctx) => {
  const { store } = requireDataset(ctx.state);
  // never switch under a training run: the summary then builds on the backend that runs
  if (ctx.state.activeRuns.size === 0) await switchBackend(req.backend, ctx);
  const spec = buildFeatureSpec(store, req.features);
  const dims = { width: specWidth(spec), months: spec.months, days: spec.days };
  const model = buildModel(req.kind, req.hyperparameters, dims);
  try {
    return { ...summariseModel(model), ...dims };
  } finally {
    model.dispose();
  }
};

export const trainHandlers = {
  'train/run': runTraining,
  'train/group': trainRunGroup,
  'train/resume': resumeTraining,
  'train/stop': stopTraining,
  'train/backend': chooseBackend,
  'train/summary': summarise,
};
