import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTinyWorld, splitUsers } from '../../../test/testWorld';
import { DEFAULT_HYPERPARAMETERS } from '../../models/hyperparameters';
import { MODEL_KINDS, type Hyperparameters, type ModelKind } from '../../models/types';
import { buildModel } from '../../models/build';
import { trainModel, type TrainOptions } from '../trainModel';
import { createFastTrainer } from '../trainers';
import { createParallelTrainerFactory } from './coordinator';
import { createInProcessLink } from './inProcessLink';
import { createFailingLink, createLoopbackLink } from '../../../test/replicaLinks';
import type { ReplicaLink } from './types';
import type { TrainingCheckpoint } from '../checkpoint';

const world = createTinyWorld({ users: 48 });
const split = splitUsers(world);
const dims = { width: world.width, months: world.months, days: world.days };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function hyperparameters(kind: ModelKind, hp: Partial<Hyperparameters> = {}): Hyperparameters {
  return {
    ...DEFAULT_HYPERPARAMETERS[kind],
    hidden: 4,
    fcUnits: 4,
    projection: 6,
    batchSize: 8,
    epochs: 2,
    dropout: 0.3,
    ...hp,
  };
}

function options(kind: ModelKind, overrides: Partial<TrainOptions> = {}): TrainOptions {
  return {
    kind,
    ...dims,
    hyperparameters: hyperparameters(kind),
    buildBatch: world.buildBatch,
    classWeights: { positive: 1.5, negative: 0.75 },
    ...split,
    ...overrides,
  };
}

function flatten(weights: Float32Array[]): number[] {
  return weights.flatMap((w) => Array.from(w));
}

describe('the data-parallel trainer', () => {
  it.each(MODEL_KINDS)('keeps every replica bit-identical after a few steps (%s)', async (kind) => {
    const hp = hyperparameters(kind);
    const model = buildModel(kind, hp, dims);
    const links: ReplicaLink[] = [createInProcessLink(), createLoopbackLink().link];
    const trainer = createParallelTrainerFactory({ links, dims })(model, kind, hp, {
      positive: 2,
      negative: 0.5,
    });
    const initial = flatten(model.getWeights().map((w) => w.dataSync() as Float32Array));
    // 7 users over 3 replicas: shards of 3, 2 and 2 rows; the last batch of 2 leaves replica 3 an empty shard
    for (const size of [7, 7, 2, 7]) {
      const users = Int32Array.from({ length: size }, (_, i) => i);
      await trainer.trainBatch(world.buildBatch(users, world.labels.slice(0, size)));
    }
    const own = flatten(model.getWeights().map((w) => w.dataSync() as Float32Array));
    expect(own).not.toEqual(initial);
    for (const link of links) expect(flatten(await link.readWeights())).toEqual(own);
    trainer.dispose();
    model.dispose();
  });

  it.each(MODEL_KINDS)(
    'gives one worker the plain fast trainer’s loss curve, bit for bit (%s)',
    async (kind) => {
      const plain = await trainModel(options(kind));
      const one = await trainModel(
        options(kind, { createTrainer: createParallelTrainerFactory({ links: [], dims }) }),
      );
      expect(one.batches.map((b) => b.loss)).toEqual(plain.batches.map((b) => b.loss));
      expect(one.validationScores).toEqual(plain.validationScores);
      plain.model.dispose();
      one.model.dispose();
    },
  );

  it.each(MODEL_KINDS)(
    'follows the one-worker curve with 2 and 3 workers to float summation order (%s)',
    async (kind) => {
      const one = await trainModel(options(kind, { createTrainer: createFastTrainer }));
      for (const workers of [2, 3]) {
        const links = Array.from({ length: workers - 1 }, () => createInProcessLink());
        const many = await trainModel(
          options(kind, { createTrainer: createParallelTrainerFactory({ links, dims }) }),
        );
        expect(many.batches).toHaveLength(one.batches.length);
        // measured on the cpu backend: |Δ| ≤ 7.5e-8 on the batch losses, ≤ 6e-8 on the validation scores (float32
        // summation order only); a wrong mask, divisor or doubled penalty moves them by 1e-3 or more
        many.batches.forEach((b, i) => expect(Math.abs(b.loss - one.batches[i].loss)).toBeLessThan(1e-6));
        many.validationScores.forEach((s, i) =>
          expect(Math.abs(s - one.validationScores[i])).toBeLessThan(1e-6),
        );
        many.model.dispose();
      }
      one.model.dispose();
    },
  );

  it.each(MODEL_KINDS)(
    'resumes on 2 workers from a checkpoint to the weights of the uninterrupted 2-worker run (%s)',
    async (kind) => {
      const twoWorkers = () => createParallelTrainerFactory({ links: [createLoopbackLink().link], dims });
      const run = async (o: TrainOptions) => {
        const checkpoints: TrainingCheckpoint[] = [];
        const result = await trainModel({ ...o, onCheckpoint: (c) => void checkpoints.push(c) });
        const weights = flatten(result.model.getWeights().map((w) => w.dataSync() as Float32Array));
        result.model.dispose();
        return { result, weights, checkpoints };
      };
      const four = (o: Partial<TrainOptions> = {}) =>
        options(kind, { hyperparameters: hyperparameters(kind, { epochs: 4, patience: 0 }), ...o });
      const whole = await run(four({ createTrainer: twoWorkers() }));
      const half = await run(
        options(kind, {
          hyperparameters: hyperparameters(kind, { epochs: 2, patience: 0 }),
          createTrainer: twoWorkers(),
        }),
      );
      // the replica on the other end takes the checkpoint's Adam moments and dropout position with its setup
      const resumed = await run(four({ createTrainer: twoWorkers(), resumeFrom: half.checkpoints[1] }));
      expect(resumed.result.epochs.map((e) => e.loss)).toEqual(whole.result.epochs.map((e) => e.loss));
      const most = resumed.weights.reduce((m, w, i) => Math.max(m, Math.abs(w - whole.weights[i])), 0);
      expect(most).toBeLessThan(1e-6);
    },
  );

  it('stops the run with a message naming the worker when a replica throws mid-epoch, keeping the epochs before', async () => {
    // 36 training users in batches of 8: 5 batches an epoch, so the 8th call falls in the second epoch
    const result = await trainModel(
      options('dual', {
        createTrainer: createParallelTrainerFactory({ links: [createFailingLink(8)], dims }),
      }),
    );
    expect(result.status).toBe('failed');
    expect(result.message).toContain('worker 2 of 2 failed (out of memory in the replica)');
    expect(result.epochs).toHaveLength(1);
    expect(result.batches).toHaveLength(7);
    result.model.dispose();
  });

  it('fails the batch in flight instead of hanging when a worker dies', async () => {
    const { link, kill } = createLoopbackLink();
    const hp = hyperparameters('lstm');
    const model = buildModel('lstm', hp, dims);
    const trainer = createParallelTrainerFactory({ links: [link], dims })(model, 'lstm', hp, null);
    const batch = () => world.buildBatch(Int32Array.from([0, 1, 2, 3]), world.labels.slice(0, 4));
    await trainer.trainBatch(batch());
    const step = trainer.trainBatch(batch());
    kill('the worker exited with code 1');
    await expect(step).rejects.toThrow('worker 2 of 2 failed (the worker exited with code 1)');
    await expect(trainer.trainBatch(batch())).rejects.toThrow('exited with code 1');
    trainer.dispose();
    model.dispose();
  });
});
