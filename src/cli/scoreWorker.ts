// One scoring worker thread for `score --workers N`: its own TF.js backend and model; it answers each feature batch
// it is sent with the batch's scores. Batches are built on the main thread (cheap); the forward pass is the cost.

import { parentPort, workerData } from 'node:worker_threads';
import { loadModelFromArtifacts } from '../core/bundle';
import type { FeatureBatch } from '../core/features';
import { DEFAULT_HYPERPARAMETERS } from '../core/models';
import type { ModelKind } from '../core/models';
import { createFastTrainer } from '../core/training';
import { startNodeBackend } from './nodeBackend';

export interface ScoreWorkerData {
  modelJson: string;
  weights: Uint8Array;
  kind: ModelKind;
  backend: string | undefined;
}

export type ScoreWorkerReply = { id: number; scores: Float32Array } | { id: number; error: string };

async function start(): Promise<void> {
  const data = workerData as ScoreWorkerData;
  await startNodeBackend(data.backend);
  const model = await loadModelFromArtifacts(data.modelJson, data.weights);
  const trainer = createFastTrainer(model, data.kind, { ...DEFAULT_HYPERPARAMETERS[data.kind], dropout: 0 });
  parentPort!.on('message', (message: { id: number; batch: FeatureBatch }) => {
    try {
      const scores = Float32Array.from(trainer.predict(message.batch));
      parentPort!.postMessage({ id: message.id, scores } satisfies ScoreWorkerReply, [scores.buffer]);
    } catch (e) {
      parentPort!.postMessage({ id: message.id, error: (e as Error).message } satisfies ScoreWorkerReply);
    }
  });
  parentPort!.postMessage({ ready: true });
}

void start();
