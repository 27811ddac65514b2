// Stratified k-fold cross-validation of one model kind: every labelled user gets a score from a model trained
// without it. Each fold trains its full epochs with no inner validation set, so no fold's users steer the early stop
// of the model that scores them.

import { collectOutOfFoldScores, type FoldOptions } from '../evaluation/stats/kfold';
import { computeBalancedClassWeights } from './classWeights';
import { trainModel, type LabelledUsers, type TrainOptions } from './trainModel';
import { predictScores } from './validation';

export interface CrossValidateOptions
  extends
    Pick<TrainOptions, 'kind' | 'hyperparameters' | 'buildBatch' | 'width' | 'months' | 'days' | 'impl'>,
    FoldOptions {
  users: LabelledUsers;
  /** weight the classes in each fold's loss (default true) */
  classWeights?: boolean;
  /** called before each fold trains; awaited, so a caller can yield to its message loop and throw to stop */
  onFold?: (fold: number, of: number) => unknown;
}

export async function crossValidateScores(
  o: CrossValidateOptions,
): Promise<{ scores: Float32Array; folds: Uint8Array }> {
  const k = o.k ?? 5;
  return collectOutOfFoldScores(
    o.users.labels,
    async ({ fold, train, test }) => {
      await o.onFold?.(fold, k);
      const trainUsers = {
        users: Int32Array.from(train, (r) => o.users.users[r]),
        labels: Float32Array.from(train, (r) => o.users.labels[r]),
      };
      const result = await trainModel({
        ...o,
        train: trainUsers,
        validation: { users: new Int32Array(0), labels: new Float32Array(0) },
        classWeights: o.classWeights === false ? null : computeBalancedClassWeights(trainUsers.labels),
      });
      try {
        if (result.status === 'failed') throw new Error(`Fold ${fold + 1} of ${k}: ${result.message}`);
        const testUsers = Int32Array.from(test, (r) => o.users.users[r]);
        return await predictScores(
          result.model,
          o.kind,
          o.buildBatch,
          testUsers,
          o.hyperparameters.batchSize,
        );
      } finally {
        result.model.dispose();
      }
    },
    { k, seed: o.seed ?? o.hyperparameters.seed },
  );
}
