// Compare handlers: restore saved runs, rename and delete runs, and the numbers of the comparison view computed from
// each run's kept validation scores (metrics at a threshold; ROC, PR and score histogram) and kept all-user scores
// (truth metrics at a threshold, with a few example users per cell to explain).

import { fingerprintData } from '../../../core/bundle';
import {
  computeBinaryMetrics,
  estimateTruthIntervals,
  evaluateAgainstTruth,
  pickTruthExamples,
  prBand,
  prCurve,
  rocBand,
  rocCurve,
  scoreHistogram,
} from '../../../core/evaluation';
import type { RunCurves, RunTruthAt } from '../../protocol/compareMessages';
import { describeRunStorageError } from '../../storage/runStorage';
import {
  deleteSavedRun,
  findRunRecord,
  loadRunValidation,
  renameSavedRun,
  restoreSavedRuns,
} from '../runStoragePersist';
import type { WorkerState } from '../state';
import type { Handler } from './types';
import { compareVerdictHandlers } from './compareVerdicts';
import { describeError } from '../../../core/errors';

const HISTOGRAM_BINS = 20;

const restore: Handler<'compare/restore'> = async (_params, ctx) => {
  try {
    const runs = await restoreSavedRuns(ctx.state);
    return { runs, message: null, resumable: [...ctx.state.saving.resumable] };
  } catch (error) {
    const detail = describeError(error);
    return {
      runs: [],
      resumable: [],
      message: `The runs saved in this browser could not be read (${detail}). New runs still work; if this persists, clear the site's storage.`,
    };
  }
};

const rename: Handler<'compare/rename'> = async ({ runId, name }, ctx) => {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A run name cannot be empty.');
  try {
    return await renameSavedRun(ctx.state, runId, trimmed);
  } catch (error) {
    throw new Error(describeRunStorageError(error, trimmed), { cause: error });
  }
};

const remove: Handler<'compare/delete'> = async ({ runId }, ctx) => deleteSavedRun(ctx.state, runId);

function checkThreshold(threshold: number): void {
  if (!(threshold >= 0 && threshold <= 1))
    throw new Error(`The threshold must be between 0 and 1, got ${threshold}.`);
}

const metricsAt: Handler<'compare/metrics'> = async ({ runIds, threshold }, ctx) => {
  checkThreshold(threshold);
  return Promise.all(
    runIds.map(async (runId) => {
      const v = await loadRunValidation(ctx.state, runId);
      return { runId, metrics: v ? computeBinaryMetrics(v.scores, v.labels, threshold) : null };
    }),
  );
};

/** The truth metrics of one run at the threshold, or why they cannot be recomputed. */
async function truthOfRun(state: WorkerState, runId: string, threshold: number): Promise<RunTruthAt> {
  const unavailable = (why: string): RunTruthAt => ({
    runId,
    truth: null,
    intervals: null,
    examples: null,
    unavailable: why,
  });
  const kept = (await loadRunValidation(state, runId))?.allUsers;
  if (!kept) return unavailable('this run kept no score for every user');
  const dataset = state.dataset;
  if (!dataset?.truth) return unavailable('no truth file is loaded');
  // the truth and rule labels must be those of the data the run was trained on
  const record = findRunRecord(state, runId);
  if (!record || record.dataFingerprint !== fingerprintData(dataset.store))
    return unavailable('the loaded dataset is not the one this run was trained on');
  if (kept.scores.length !== dataset.store.userIds.length)
    return unavailable('the kept scores do not match the loaded dataset');
  const input = {
    userIds: dataset.store.userIds,
    scores: kept.scores,
    truth: dataset.truth,
    ruleLabels: kept.ruleLabels,
    threshold,
  };
  const truth = evaluateAgainstTruth(input);
  return {
    runId,
    truth,
    intervals: estimateTruthIntervals(input, truth),
    examples: pickTruthExamples(input),
    unavailable: null,
  };
}

const truthAt: Handler<'compare/truth'> = async ({ runIds, threshold }, ctx) => {
  checkThreshold(threshold);
  return Promise.all(runIds.map((runId) => truthOfRun(ctx.state, runId, threshold)));
};

const curves: Handler<'compare/curves'> = async ({ runIds }, ctx) =>
  Promise.all(
    runIds.map(async (runId): Promise<RunCurves> => {
      const v = await loadRunValidation(ctx.state, runId);
      if (!v) return { runId, roc: null, pr: null, rocBand: null, prBand: null, histogram: null, users: 0 };
      return {
        runId,
        roc: rocCurve(v.scores, v.labels),
        pr: prCurve(v.scores, v.labels),
        // the bootstrap runs here in the worker, once per run (its validation scores never change)
        rocBand: rocBand(v.scores, v.labels),
        prBand: prBand(v.scores, v.labels),
        histogram: scoreHistogram(v.scores, v.labels, HISTOGRAM_BINS),
        users: v.scores.length,
      };
    }),
  );

export const compareHandlers = {
  'compare/restore': restore,
  'compare/rename': rename,
  'compare/delete': remove,
  'compare/metrics': metricsAt,
  'compare/curves': curves,
  'compare/truth': truthAt,
  ...compareVerdictHandlers,
};
