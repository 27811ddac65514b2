// One data-parallel replica: computes the gradients of its rows of a batch against the one-worker loss, and applies
// the summed gradients with its own Adam. Fed the same gradients in the same order, every replica stays identical.

import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../models/build';
import type { Hyperparameters, ModelKind } from '../../models/types';
import { weightsOf, type ClassWeights } from '../classWeights';
import { collectVariables, computeL2Penalty, forwardLogits, type MaskSource } from '../fastForward';
import { createRandom } from '../../random';
import { writesCopy } from '../tensorBuffers';
import type { TrainerState } from '../checkpoint';
import { exportAdamState, importAdamState } from '../optimizerState';
import { createMaskSource, dropoutSeed } from '../trainers';
import type { ReplicaSetup, ShardGradients, ShardRequest } from './types';

export interface Replica {
  computeShard(request: ShardRequest): ShardGradients;
  applyGradients(grads: Float32Array[]): void;
  readWeights(): Float32Array[];
  /** Adam's state and the dropout stream's position: the same on every replica, so any one speaks for all */
  exportState(): Promise<TrainerState>;
  /** continues from a checkpoint's trainer state; before the first shard */
  importState(state: TrainerState): Promise<void>;
  dispose(): void;
}

/**
 * Masks for rows [offset, offset + rows) cut from the full batch's masks, drawn from the same seeded stream as the
 * one-worker trainer: every replica draws the whole batch's masks, so N workers drop exactly what one worker drops.
 */
function createShardMasks(full: MaskSource, offset: number, fullSize: number): MaskSource {
  if (!full) return null;
  return (rows, cols) => tf.slice(full(fullSize, cols), [offset, 0], [rows, cols]);
}

export function createReplica(
  model: tf.LayersModel,
  kind: ModelKind,
  hp: Hyperparameters,
  classWeights: ClassWeights | null,
): Replica {
  const vars = collectVariables(model, kind);
  const optimizer = tf.train.adam(hp.learningRate);
  // replaced by importState, so the masks read it through a closure
  let maskRandom = createRandom(dropoutSeed(hp));
  const masks = createMaskSource(hp.dropout, () => maskRandom());
  // dropout sits before the output layer in every kind: its width is the output kernel's input size
  const dropoutWidth = vars.byLayer.get('output')?.[0].shape[0] ?? 0;
  return {
    computeShard(request) {
      const rows = request.batch.labels.length;
      if (rows === 0) {
        // an empty shard still advances the mask stream, so this replica's next batch masks stay in step
        if (masks) tf.dispose(masks(request.fullSize, dropoutWidth));
        return {
          grads: null,
          loss: request.withPenalty ? penaltyValue(vars, hp) : 0,
          scores: new Float32Array(0),
        };
      }
      const shardMasks = createShardMasks(masks, request.offset, request.fullSize);
      let scores: tf.Tensor | null = null;
      const { value, grads } = tf.tidy(() => {
        const labels = tf.tensor2d(request.batch.labels, [rows, 1]);
        const weights = classWeights
          ? tf.tensor2d(weightsOf(request.batch.labels, classWeights), [rows, 1])
          : undefined;
        return tf.variableGrads(() => {
          const logits = forwardLogits(vars, request.batch, shardMasks);
          scores = tf.keep(tf.sigmoid(logits));
          const summed = tf.losses.sigmoidCrossEntropy(labels, logits, weights, 0, tf.Reduction.SUM);
          const loss = tf.div(summed, request.denominator) as tf.Scalar;
          return request.withPenalty ? (tf.add(loss, computeL2Penalty(vars, hp.l2)) as tf.Scalar) : loss;
        }, vars.all);
      });
      const out: ShardGradients = {
        grads: vars.all.map((v) => ownedCopy(grads[v.name])),
        loss: value.dataSync()[0],
        scores: ownedCopy(scores as unknown as tf.Tensor),
      };
      tf.dispose([value, scores as unknown as tf.Tensor, ...Object.values(grads)]);
      return out;
    },
    applyGradients(summed) {
      const named: tf.NamedTensorMap = {};
      vars.all.forEach((v, i) => (named[v.name] = tf.tensor(summed[i], v.shape)));
      optimizer.applyGradients(named as Record<string, tf.Variable>);
      tf.dispose(Object.values(named));
    },
    readWeights() {
      return vars.all.map((v) => Float32Array.from(v.dataSync() as Float32Array));
    },
    async exportState() {
      return { optimizer: await exportAdamState(optimizer), maskRandom: masks ? maskRandom.state() : null };
    },
    async importState(state) {
      await importAdamState(optimizer, state.optimizer);
      if (state.maskRandom !== null) maskRandom = createRandom(state.maskRandom);
    },
    dispose() {
      optimizer.dispose();
    },
  };
}

/**
 * The tensor's values in an array of our own, free to transfer: WASM's dataSync() already copies out of its heap;
 * the cpu backend hands out the array it keeps, so that one is copied (≈ 1.4 MB a dual shard saved on WASM).
 */
function ownedCopy(t: tf.Tensor): Float32Array {
  const values = t.dataSync() as Float32Array;
  return writesCopy() ? values : values.slice();
}

function penaltyValue(vars: ReturnType<typeof collectVariables>, hp: Hyperparameters): number {
  return tf.tidy(() => computeL2Penalty(vars, hp.l2).dataSync()[0]);
}

/** A replica on a model of its own, built like the coordinator's and set to its weights. */
export function createReplicaFromSetup(setup: ReplicaSetup): { replica: Replica; model: tf.LayersModel } {
  const model = buildModel(setup.kind, setup.hyperparameters, setup.dims);
  const vars = collectVariables(model, setup.kind);
  if (vars.all.length !== setup.weights.length)
    throw new Error(
      `The replica's ${setup.kind} model has ${vars.all.length} variables but was sent ${setup.weights.length}.`,
    );
  vars.all.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(setup.weights[i], v.shape))));
  const replica = createReplica(model, setup.kind, setup.hyperparameters, setup.classWeights);
  return {
    model,
    replica: {
      ...replica,
      dispose() {
        replica.dispose();
        model.dispose();
      },
    },
  };
}

/** A replica from its setup, continued from the setup's trainer state when the run resumes from a checkpoint. */
export async function startReplica(setup: ReplicaSetup): Promise<Replica> {
  const { replica } = createReplicaFromSetup(setup);
  if (setup.state) await replica.importState(setup.state);
  return replica;
}
