// A worker channel inside this thread for the protocols' tests: both ends of core/messaging's channel, each message
// structured-cloned (with its transfer list) on a later task, as postMessage delivers it. `kill` makes it die like a
// crashed worker: nothing is delivered after, and the caller's end hears the failure. Test support only.

import type { CallEndpoint, ServePort } from '../core/messaging';

export interface LoopbackHooks<Request, Reply> {
  /** sees each request before delivery; returning false drops it (e.g. after killing the channel) */
  onRequest?: (request: Request, channel: { kill: (reason: string) => void }) => boolean | void;
  /** sees each reply after delivery */
  onReply?: (reply: Reply, channel: { kill: (reason: string) => void }) => void;
}

export interface Loopback<Request, Reply> {
  /** the worker's end, for serveReplica / serveScorer / serveJobs */
  port: ServePort<Request, Reply>;
  /** the caller's end, for the protocol's message link */
  endpoint: CallEndpoint<Request, Reply>;
  kill(reason: string): void;
  dead(): boolean;
}

export function createLoopback<Request, Reply>(
  hooks: LoopbackHooks<Request, Reply> = {},
): Loopback<Request, Reply> {
  let toWorker: (r: Request) => void = () => {};
  let toCaller: (r: Reply) => void = () => {};
  let fail: (reason: string) => void = () => {};
  let dead = false;
  const channel = {
    kill(reason: string) {
      dead = true;
      fail(reason);
    },
  };
  return {
    port: {
      post: (reply, transfer) =>
        setTimeout(() => {
          if (dead) return;
          const delivered = structuredClone(reply, { transfer });
          toCaller(delivered);
          hooks.onReply?.(delivered, channel);
        }),
      listen: (onRequest) => (toWorker = onRequest),
    },
    endpoint: {
      post: (message, transfer) =>
        setTimeout(() => {
          if (dead || hooks.onRequest?.(message, channel) === false) return;
          toWorker(structuredClone(message, { transfer }));
        }),
      listen: (onReply, onFailure) => {
        toCaller = onReply;
        fail = onFailure;
      },
      terminate: () => (dead = true),
    },
    kill: channel.kill,
    dead: () => dead,
  };
}
