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

/** A link to a replica served over an in-thread channel; `kill` makes the channel die like a crashed worker. */
export function createLoopbackLink(): { link: ReplicaLink; kill: (reason: string) => void } {
  let toReplica: (r: ReplicaRequest) => void = () => {};
  let toCoordinator: (r: ReplicaReply) => void = () => {};
  let fail: (reason: string) => void = () => {};
  let dead = false;
  serveReplica(
    {
      post: (reply, transfer) =>
        setTimeout(() => !dead && toCoordinator(structuredClone(reply, { transfer }))),
      listen: (onRequest) => (toReplica = onRequest),
    },
    async () => {},
  );
  const link = createMessageLink({
    post: (message, transfer) => setTimeout(() => !dead && toReplica(structuredClone(message, { transfer }))),
    listen: (onReply, onFailure) => {
      toCoordinator = onReply;
      fail = onFailure;
    },
    terminate: () => (dead = true),
  });
  return {
    link,
    kill: (reason) => {
      dead = true;
      fail(reason);
    },
  };
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
