// The contract between the data-parallel coordinator and its replicas: what a replica is told once (setup), what it
// computes per batch (a shard's gradients), and the transport-neutral link the coordinator talks through.

import type { FeatureBatch } from '../../features/types';
import type { ModelDims } from '../../models/build';
import type { Hyperparameters, ModelKind } from '../../models/types';
import type { TrainerState } from '../checkpoint';
import type { ClassWeights } from '../classWeights';

/** Everything a replica needs to become an exact copy of the coordinator's model. */
export interface ReplicaSetup {
  /** the coordinator's TF.js backend: replicas run the same one, so their Adam steps round alike */
  backend: string;
  kind: ModelKind;
  hyperparameters: Hyperparameters;
  dims: ModelDims;
  classWeights: ClassWeights | null;
  /** the trainable variables' values, in collectVariables order */
  weights: Float32Array[];
  /** a resumed run's optimizer moments and dropout position (absent or null: a fresh start) */
  state?: TrainerState | null;
}

/** One replica's share of a batch: rows [offset, offset + rows) of a batch of fullSize users. */
export interface ShardRequest {
  batch: FeatureBatch;
  offset: number;
  fullSize: number;
  /** the one-worker loss's divisor over the WHOLE batch (users with a non-zero weight), so shard losses add up */
  denominator: number;
  /** the L2 penalty (and its gradient) is counted by exactly one replica */
  withPenalty: boolean;
}

export interface ShardGradients {
  /** one gradient per trainable variable (collectVariables order); null for an empty shard */
  grads: Float32Array[] | null;
  /** this shard's part of the batch loss (Σ wᵢ·lossᵢ / denominator, plus the penalty when asked) */
  loss: number;
  /** sigmoid scores of the shard's rows, for the batch accuracy */
  scores: Float32Array;
}

/**
 * A replica as the coordinator sees it, whatever carries the messages (in-process, worker_threads, Web Workers).
 * Every call rejects with a message that says what failed once the replica is gone.
 */
export interface ReplicaLink {
  start(setup: ReplicaSetup): Promise<void>;
  computeGradients(request: ShardRequest): Promise<ShardGradients>;
  /** the summed gradients of the whole batch; every replica applies the same Adam step */
  applyGradients(grads: Float32Array[]): Promise<void>;
  readWeights(): Promise<Float32Array[]>;
  dispose(): void;
}
