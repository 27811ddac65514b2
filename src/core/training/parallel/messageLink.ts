// The replica protocol over any message channel: the coordinator's side (createMessageLink) and the replica's side
// (serveReplica). Node worker_threads (src/cli) and browser Web Workers (src/worker) adapt their port to these shapes.

import {
  createPendingCalls,
  serveInOrder,
  type CallEndpoint,
  type CallReply,
  type ServePort,
  type WithoutId,
} from '../../messaging';
import { startReplica, type Replica } from './replica';
import { batchBuffers } from './shardBatch';
import type { ReplicaLink, ReplicaSetup, ShardGradients, ShardRequest } from './types';

export type ReplicaRequest =
  | { id: number; type: 'start'; setup: ReplicaSetup }
  | { id: number; type: 'compute'; request: ShardRequest }
  | { id: number; type: 'apply'; grads: Float32Array[] }
  | { id: number; type: 'read' };

export type ReplicaReply = CallReply;
/** The coordinator's end of a channel to one replica (a worker it spawned). */
export type ReplicaEndpoint = CallEndpoint<ReplicaRequest, ReplicaReply>;
/** The replica's end: where it receives requests and posts replies. */
export type ReplicaPort = ServePort<ReplicaRequest, ReplicaReply>;

export function createMessageLink(endpoint: ReplicaEndpoint): ReplicaLink {
  const calls = createPendingCalls();
  // a dead worker answers nothing: what waits on it now and everything asked of it later is rejected
  endpoint.listen(calls.settle, calls.fail);
  const call = <T>(message: WithoutId<ReplicaRequest>, transfer: ArrayBuffer[] = []) =>
    calls.call<T>((id) => endpoint.post({ ...message, id } as ReplicaRequest, transfer));
  return {
    start: (setup) => call({ type: 'start', setup }),
    computeGradients: (request) => call({ type: 'compute', request }, batchBuffers(request.batch)),
    applyGradients: (grads) =>
      call(
        { type: 'apply', grads },
        grads.map((g) => g.buffer as ArrayBuffer),
      ),
    readWeights: () => call({ type: 'read' }),
    dispose() {
      calls.fail('The replica was closed.');
      endpoint.terminate();
    },
  };
}

function gradientBuffers(result: ShardGradients): ArrayBuffer[] {
  return [...(result.grads ?? []), result.scores].map((a) => a.buffer as ArrayBuffer);
}

/**
 * Serves one replica on a port. `prepare` runs before the replica is built (it starts setup.backend, the
 * coordinator's, so the Adam steps round alike); a failure is posted back as the request's error.
 */
export function serveReplica(port: ReplicaPort, prepare: (setup: ReplicaSetup) => Promise<void>): void {
  let replica: Replica | null = null;
  const handle = async (request: ReplicaRequest): Promise<[unknown, ArrayBuffer[]]> => {
    if (request.type === 'start') {
      await prepare(request.setup);
      replica?.dispose();
      replica = await startReplica(request.setup);
      return [true, []];
    }
    if (!replica) throw new Error('The replica got work before its setup.');
    if (request.type === 'compute') {
      const result = replica.computeShard(request.request);
      return [result, gradientBuffers(result)];
    }
    if (request.type === 'apply') {
      replica.applyGradients(request.grads);
      return [true, []];
    }
    const weights = replica.readWeights();
    return [weights, weights.map((w) => w.buffer as ArrayBuffer)];
  };
  // one at a time in arrival order: an apply always lands before the next batch's compute
  serveInOrder(port, handle);
}
