// Scores every user of a store with a trained model, batch by batch through the fast sparse forward.

import type * as tf from '@tensorflow/tfjs';
import type { EventStore } from '../events/types';
import { createBatchBuilder, type DoctorOptions } from '../features';
import type { FeatureSpec } from '../features/types';
import type { ModelKind } from '../models/types';
import { predictScores } from '../training/validation';

export const SCORING_BATCH = 512;

export function allUsers(store: EventStore): Int32Array {
  return Int32Array.from({ length: store.userIds.length }, (_, i) => i);
}

/** One score per store user (index order). Categories of the spec missing from the store feed zeros. */
export async function scoreStore(options: {
  model: tf.LayersModel;
  kind: ModelKind;
  spec: FeatureSpec;
  store: EventStore;
  doctor?: DoctorOptions;
  onProgress?: (done: number, total: number) => void;
}): Promise<Float32Array> {
  const { model, kind, spec, store } = options;
  const builder = createBatchBuilder(store, spec, options.doctor);
  const users = allUsers(store);
  const scores = new Float32Array(users.length);
  for (let start = 0; start < users.length; start += SCORING_BATCH * 8) {
    const part = users.subarray(start, Math.min(users.length, start + SCORING_BATCH * 8));
    scores.set(await predictScores(model, kind, (u, l) => builder.build(u, l), part, SCORING_BATCH), start);
    options.onProgress?.(start + part.length, users.length);
  }
  return scores;
}
