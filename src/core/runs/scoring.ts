// Scores every user of a store with a trained model, batch by batch through the fast sparse forward; with cancel
// hooks it pauses between chunks so a worker can stop it.

import type * as tf from '@tensorflow/tfjs';
import { pauseBetweenChunks, type CancelHooks } from '../events/abort';
import type { EventStore } from '../events/types';
import { createBatchBuilder, type DoctorOptions } from '../features';
import type { FeatureSpec } from '../features/types';
import type { ModelKind } from '../models/types';
import { predictScores } from '../training/validation';

export const SCORING_BATCH = 512;
/** Users scored between two pauses (Cancel is read there): two batches, well under a second even on SwiftShader. */
const USERS_PER_PAUSE = SCORING_BATCH * 2;

export function allUsers(store: EventStore): Int32Array {
  return Int32Array.from({ length: store.userIds.length }, (_, i) => i);
}

export interface ScoreStoreOptions {
  model: tf.LayersModel;
  kind: ModelKind;
  spec: FeatureSpec;
  store: EventStore;
  doctor?: DoctorOptions;
  onProgress?: (done: number, total: number) => void;
  /** with a signal, the loop pauses after every chunk and an abort rejects with an AbortError */
  cancel?: CancelHooks;
}

/** Whatever scores every user of a store: scoreStore in this thread, or sharded over workers (./parallel). */
export type StoreScorer = (options: ScoreStoreOptions) => Promise<Float32Array>;

/** One score per store user (index order). Categories of the spec missing from the store feed zeros. */
export async function scoreStore(options: ScoreStoreOptions): Promise<Float32Array> {
  const { model, kind, spec, store } = options;
  const builder = createBatchBuilder(store, spec, options.doctor);
  const users = allUsers(store);
  const scores = new Float32Array(users.length);
  const step = options.cancel ? USERS_PER_PAUSE : SCORING_BATCH * 8;
  for (let start = 0; start < users.length; start += step) {
    const part = users.subarray(start, Math.min(users.length, start + step));
    scores.set(await predictScores(model, kind, (u, l) => builder.build(u, l), part, SCORING_BATCH), start);
    options.onProgress?.(start + part.length, users.length);
    if (options.cancel) await pauseBetweenChunks(options.cancel, 'Scoring was cancelled.');
  }
  return scores;
}
