// One data-parallel training replica on a worker thread for `train --workers N`: the core's serveReplica over this
// thread's port, on the main thread's TF.js backend (so every replica's Adam step rounds alike).

import { parentPort } from 'node:worker_threads';
import { serveReplica, type ReplicaReply, type ReplicaRequest } from '../core/training';
import { startNodeBackend } from './nodeBackend';

let backendReady: Promise<unknown> | null = null;

serveReplica(
  {
    post: (reply: ReplicaReply, transfer) => parentPort!.postMessage(reply, transfer),
    listen: (onRequest) => parentPort!.on('message', (m: ReplicaRequest) => onRequest(m)),
  },
  async (setup) => {
    await (backendReady ??= startNodeBackend(setup.backend));
  },
);
