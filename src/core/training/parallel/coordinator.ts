// The data-parallel trainer: splits every batch over itself (replica 0, training the returned model in place) and
// N − 1 linked replicas, sums their gradients in a fixed order and has every replica apply that same Adam step.

import * as tf from '@tensorflow/tfjs';
import { describeError } from '../../errors';
import type { ModelDims } from '../../models/build';
import type { Hyperparameters, ModelKind } from '../../models/types';
import { weightsOf, type ClassWeights } from '../classWeights';
import { collectVariables, forwardLogits } from '../fastForward';
import { countCorrect, type Trainer, type TrainerFactory } from '../trainers';
import { createReplica } from './replica';
import { planShards, sliceFeatureBatch } from './shardBatch';
import type { ReplicaLink, ShardGradients } from './types';
import type { TrainerState } from '../checkpoint';

export interface ParallelTrainerOptions {
  /** the other replicas; the trainer itself is replica 0, so N workers means N − 1 links */
  links: ReplicaLink[];
  dims: ModelDims;
}

/** The one-worker loss's divisor: users with a non-zero weight (all of them when unweighted), as tf's reduction. */
function lossDenominator(labels: Float32Array, classWeights: ClassWeights | null): number {
  if (!classWeights) return labels.length;
  return weightsOf(labels, classWeights).reduce((n, w) => n + (w !== 0 ? 1 : 0), 0);
}

/**
 * Σ over replicas in replica order (a fixed order, so the sum is the same on every run), added into the first
 * filled part's arrays: every part is this step's own copy (a replica's reply, or replica 0's owned read).
 */
function sumGradients(parts: ShardGradients[]): Float32Array[] {
  const filled = parts.filter((p) => p.grads !== null).map((p) => p.grads as Float32Array[]);
  return filled[0].map((sum, v) => {
    for (let r = 1; r < filled.length; r++) {
      const g = filled[r][v];
      for (let i = 0; i < sum.length; i++) sum[i] += g[i];
    }
    return sum;
  });
}

function replicaFailure(index: number, count: number, err: unknown): Error {
  return new Error(
    `worker ${index + 1} of ${count} failed (${describeError(err)}); the run stopped and the epochs before this batch are kept`,
  );
}

export function createParallelTrainerFactory(o: ParallelTrainerOptions): TrainerFactory {
  return (model, kind, hp, classWeights) => createParallelTrainer(o, model, kind, hp, classWeights ?? null);
}

function createParallelTrainer(
  o: ParallelTrainerOptions,
  model: tf.LayersModel,
  kind: ModelKind,
  hp: Hyperparameters,
  classWeights: ClassWeights | null,
): Trainer {
  const local = createReplica(model, kind, hp, classWeights);
  const vars = collectVariables(model, kind);
  const count = o.links.length + 1;
  // each call names the replica that failed, so the run's message says which worker went
  const guard = <T>(index: number, work: Promise<T>) =>
    work.catch((err: unknown) => {
      throw replicaFailure(index, count, err);
    });
  let started: Promise<unknown> | null = null;
  // a resumed run's trainer state: replica 0 takes it at once, the links with their setup
  let resumeState: TrainerState | null = null;
  // the links' Adam steps of the last batch: awaited with the next batch's gradients, so a replica applies while
  // this thread builds the next batch (its replies come in order: the apply's before the next compute's)
  let applying: Promise<unknown> = Promise.resolve();
  const start = () =>
    (started ??= Promise.all(
      o.links.map((link, i) =>
        guard(
          i + 1,
          link.start({
            backend: tf.getBackend(),
            kind,
            hyperparameters: hp,
            dims: o.dims,
            classWeights,
            weights: local.readWeights(),
            state: resumeState,
          }),
        ),
      ),
    ));
  return {
    async trainBatch(batch) {
      await start();
      const size = batch.labels.length;
      const denominator = lossDenominator(batch.labels, classWeights);
      const requests = planShards(size, count).map(({ lo, hi }, r) => ({
        batch: sliceFeatureBatch(batch, lo, hi),
        offset: lo,
        fullSize: size,
        denominator,
        withPenalty: r === 0,
      }));
      // the links work on their threads while this one computes its own shard
      const remote = o.links.map((link, i) => guard(i + 1, link.computeGradients(requests[i + 1])));
      const own = local.computeShard(requests[0]);
      const replies = Promise.all(remote);
      await Promise.all([applying, replies]);
      const parts = [own, ...(await replies)];
      const summed = sumGradients(parts);
      // the links get copies (theirs to transfer) before this replica applies, so they apply at the same time
      const applied = o.links.map((link, i) =>
        guard(i + 1, link.applyGradients(summed.map((g) => g.slice()))),
      );
      local.applyGradients(summed);
      applying = Promise.all(applied);
      applying.catch(() => {}); // handled at the next batch; a run that ends here has no next step to spoil
      const scores = new Float32Array(size);
      parts.forEach((p, r) => scores.set(p.scores, requests[r].offset));
      const loss = parts.reduce((s, p) => s + p.loss, 0);
      return { loss, accuracy: countCorrect(scores, batch.labels) / size };
    },
    predict(batch) {
      return tf.tidy(() => tf.sigmoid(forwardLogits(vars, batch, null)).dataSync() as Float32Array);
    },
    // every replica holds the same state after each step: replica 0's is the run's
    exportState: () => local.exportState(),
    async importState(state) {
      if (started) throw new Error('The trainer state must be restored before the first batch.');
      await local.importState(state);
      resumeState = state;
    },
    dispose() {
      local.dispose();
      o.links.forEach((link) => link.dispose());
    },
  };
}
