// One data-parallel training replica on a worker thread for `train --workers N`: the core's serveReplica over this
// thread's port, on the same TF.js backend as the main thread (so every replica's Adam step rounds alike).

import { parentPort, workerData } from 'node:worker_threads';
import { serveReplica, type ReplicaReply, type ReplicaRequest } from '../core/training';
import { startNodeBackend } from './nodeBackend';

export interface TrainReplicaWorkerData {
  backend: string;
}

let backendReady: Promise<unknown> | null = null;

serveReplica(
  {
    post: (reply: ReplicaReply, transfer) => parentPort!.postMessage(reply, transfer),
    listen: (onRequest) => parentPort!.on('message', (m: ReplicaRequest) => onRequest(m)),
  },
  async () => {
    await (backendReady ??= startNodeBackend((workerData as TrainReplicaWorkerData).backend));
  },
);
