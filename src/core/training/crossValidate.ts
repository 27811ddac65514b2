// Stratified k-fold cross-validation of one model kind: every labelled user gets a score from a model trained
// without it. Each fold trains its full epochs with no inner validation set, so no fold's users steer the early stop
// of the model that scores them. A fold is a self-contained job (trainFoldScores), so workers can train folds side
// by side (scoreFold) and give the scores one thread gives.

import { collectOutOfFoldScores, type FoldOptions } from '../evaluation/stats/kfold';
import type { Hyperparameters } from '../models/types';
import { computeBalancedClassWeights } from './classWeights';
import { trainModel, type LabelledUsers, type TrainOptions } from './trainModel';
import { predictScores } from './validation';

/** What a fold trains on and scores, whatever thread trains it. */
export interface FoldJob {
  fold: number;
  of: number;
  train: LabelledUsers;
  /** the users to score, in this order */
  test: Int32Array;
  hyperparameters: Hyperparameters;
  /** weight the classes in the fold's loss */
  classWeights: boolean;
}

export type FoldModel = Pick<TrainOptions, 'kind' | 'buildBatch' | 'width' | 'months' | 'days' | 'impl'>;

export interface CrossValidateOptions
  extends
    Pick<TrainOptions, 'kind' | 'hyperparameters' | 'buildBatch' | 'width' | 'months' | 'days' | 'impl'>,
    FoldOptions {
  users: LabelledUsers;
  /** weight the classes in each fold's loss (default true) */
  classWeights?: boolean;
  /** called before each fold trains; awaited, so a caller can yield to its message loop and throw to stop */
  onFold?: (fold: number, of: number) => unknown;
  /**
   * trains a fold elsewhere (a job worker); given, every fold is handed over at once, the transport paces them, and
   * it (not onFold) reports each fold's start and stops them
   */
  scoreFold?: (job: FoldJob) => Promise<Float32Array>;
}

/** Trains one fold's model and returns the scores of its test users. */
export async function trainFoldScores(o: FoldModel, job: FoldJob): Promise<Float32Array> {
  const result = await trainModel({
    ...o,
    hyperparameters: job.hyperparameters,
    train: job.train,
    validation: { users: new Int32Array(0), labels: new Float32Array(0) },
    classWeights: job.classWeights ? computeBalancedClassWeights(job.train.labels) : null,
  });
  try {
    if (result.status === 'failed') throw new Error(`Fold ${job.fold + 1} of ${job.of}: ${result.message}`);
    return await predictScores(result.model, o.kind, o.buildBatch, job.test, job.hyperparameters.batchSize);
  } finally {
    result.model.dispose();
  }
}

export async function crossValidateScores(
  o: CrossValidateOptions,
): Promise<{ scores: Float32Array; folds: Uint8Array }> {
  const k = o.k ?? 5;
  return collectOutOfFoldScores(
    o.users.labels,
    async ({ fold, train, test }) => {
      if (!o.scoreFold) await o.onFold?.(fold, k);
      const job: FoldJob = {
        fold,
        of: k,
        train: {
          users: Int32Array.from(train, (r) => o.users.users[r]),
          labels: Float32Array.from(train, (r) => o.users.labels[r]),
        },
        test: Int32Array.from(test, (r) => o.users.users[r]),
        hyperparameters: o.hyperparameters,
        classWeights: o.classWeights !== false,
      };
      return o.scoreFold ? o.scoreFold(job) : trainFoldScores(o, job);
    },
    { k, seed: o.seed ?? o.hyperparameters.seed, allAtOnce: o.scoreFold !== undefined },
  );
}
