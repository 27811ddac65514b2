// Early stopping's memory: a copy of the weights of the best epoch (lowest validation loss), the validation scores
// they gave and the epochs since; its state goes into each checkpoint so a resumed run stops where the whole one would.

import * as tf from '@tensorflow/tfjs';
import { checkWeightShapes, readTensorData, toTensors, type KeeperState } from './checkpoint';

export function createBestKeeper(model: tf.LayersModel) {
  let best: tf.Tensor[] | null = null;
  let bestScores: Float32Array | null = null;
  let bestLoss = Number.POSITIVE_INFINITY;
  let sinceBest = 0;
  return {
    /** returns the number of epochs since the best one */
    offer(valLoss: number, scores: Float32Array): number {
      if (!(valLoss < bestLoss)) return ++sinceBest;
      bestLoss = valLoss;
      sinceBest = 0;
      tf.dispose(best ?? []);
      best = model.getWeights().map((w) => w.clone());
      bestScores = scores;
      return 0;
    },
    /** puts the best weights back; returns their validation scores (null when there is no best epoch) */
    restore(): Float32Array | null {
      if (best) model.setWeights(best);
      return bestScores;
    },
    async exportState(): Promise<KeeperState> {
      return {
        bestLoss,
        sinceBest,
        weights: best ? await Promise.all(best.map(readTensorData)) : null,
        scores: bestScores,
      };
    },
    importState(state: KeeperState): void {
      bestLoss = state.bestLoss;
      sinceBest = state.sinceBest;
      bestScores = state.scores;
      tf.dispose(best ?? []);
      best = null;
      if (!state.weights) return;
      checkWeightShapes(model, state.weights, 'checkpoint (best epoch)');
      best = toTensors(state.weights);
    },
    dispose() {
      tf.dispose(best ?? []);
    },
  };
}

export type BestKeeper = ReturnType<typeof createBestKeeper>;
