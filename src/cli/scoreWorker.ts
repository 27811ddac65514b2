// One scoring worker thread for `score --workers N`: its own TF.js backend and model. It answers a range of a store's
// users (events sliced by the main thread) with their scores, building the feature batches itself, so the main thread
// only slices and waits; and it answers a ready-made feature batch (DuckDB's rows) with the batch's scores.

import { parentPort, workerData } from 'node:worker_threads';
import { loadModelFromArtifacts } from '../core/bundle';
import type { EventStore } from '../core/events';
import { createBatchBuilder } from '../core/features';
import type { FeatureBatch, FeatureSpec } from '../core/features';
import { DEFAULT_HYPERPARAMETERS } from '../core/models';
import type { ModelKind } from '../core/models';
import { SCORING_BATCH, allUsers } from '../core/runs';
import { createFastTrainer, type Trainer } from '../core/training';
import { startNodeBackend } from './nodeBackend';

export interface ScoreWorkerData {
  modelJson: string;
  weights: Uint8Array;
  kind: ModelKind;
  backend: string | undefined;
}

/** What a store's user range needs besides its events: the same for every range, so sent once per scoring. */
export interface StoreContext {
  spec: FeatureSpec;
  categoryIds: readonly string[];
  categoryNames: readonly string[];
}

/** A store's user range without its category tables (those came with the context). */
export type StoreUsers = Omit<EventStore, 'categoryIds' | 'categoryNames'>;

export type ScoreWorkerRequest =
  | { kind: 'batch'; id: number; batch: FeatureBatch }
  | { kind: 'context'; context: StoreContext }
  | { kind: 'users'; id: number; users: StoreUsers };

export type ScoreWorkerReply = { id: number; scores: Float32Array } | { id: number; error: string };

/** Batches of SCORING_BATCH from the range's first user, as the main thread's scoreStore cuts them. */
function scoreRange(trainer: Trainer, context: StoreContext, users: StoreUsers): Float32Array<ArrayBuffer> {
  const store: EventStore = {
    ...users,
    categoryIds: context.categoryIds,
    categoryNames: context.categoryNames,
  };
  const builder = createBatchBuilder(store, context.spec);
  const all = allUsers(store);
  const scores = new Float32Array(all.length);
  for (let start = 0; start < all.length; start += SCORING_BATCH)
    scores.set(trainer.predict(builder.build(all.subarray(start, start + SCORING_BATCH))), start);
  return scores;
}

async function start(): Promise<void> {
  const data = workerData as ScoreWorkerData;
  await startNodeBackend(data.backend);
  const model = await loadModelFromArtifacts(data.modelJson, data.weights);
  const trainer = createFastTrainer(model, data.kind, { ...DEFAULT_HYPERPARAMETERS[data.kind], dropout: 0 });
  let context: StoreContext | null = null;
  parentPort!.on('message', (message: ScoreWorkerRequest) => {
    if (message.kind === 'context') {
      context = message.context;
      return;
    }
    try {
      let scores: Float32Array<ArrayBuffer>;
      if (message.kind === 'batch') scores = Float32Array.from(trainer.predict(message.batch));
      else if (context) scores = scoreRange(trainer, context, message.users);
      else throw new Error('A user range came before its store context.');
      parentPort!.postMessage({ id: message.id, scores } satisfies ScoreWorkerReply, [scores.buffer]);
    } catch (e) {
      parentPort!.postMessage({ id: message.id, error: (e as Error).message } satisfies ScoreWorkerReply);
    }
  });
  parentPort!.postMessage({ ready: true });
}

void start();
