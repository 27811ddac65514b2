// Test transports: a message channel inside this thread (structured clone with transfer, like postMessage) and a
// link that fails on a chosen call. Test support only.

import {
  createInProcessLink,
  createMessageLink,
  serveReplica,
  type ReplicaLink,
  type ReplicaReply,
  type ReplicaRequest,
} from '../core/training';
import { createLoopback } from './loopbackChannel';

/** A link to a replica served over an in-thread channel; `kill` makes the channel die like a crashed worker. */
export function createLoopbackLink(): { link: ReplicaLink; kill: (reason: string) => void } {
  const channel = createLoopback<ReplicaRequest, ReplicaReply>();
  serveReplica(channel.port, async () => {});
  return { link: createMessageLink(channel.endpoint), kill: channel.kill };
}

/** An in-process replica whose `failAt`-th computeGradients call (1-based) throws. */
export function createFailingLink(failAt: number): ReplicaLink {
  const inner = createInProcessLink();
  let calls = 0;
  return {
    ...inner,
    async computeGradients(request) {
      if (++calls === failAt) throw new Error('out of memory in the replica');
      return inner.computeGradients(request);
    },
  };
}
