// Test transports for scoring on several workers: a message channel inside this thread (structured clone with
// transfer, like postMessage) and links that fail on a chosen call. Test support only.

import {
  createInProcessScorerLink,
  createScorerMessageLink,
  serveScorer,
  type ScorerLink,
  type ScorerReply,
  type ScorerRequest,
} from '../core/runs';
import { createLoopback } from './loopbackChannel';

/** A scorer served over an in-thread channel; `kill` makes the channel die like a crashed worker. */
export function createLoopbackScorerLink(): {
  link: ScorerLink;
  kill: (reason: string) => void;
  /** the requests the scorer received, as it received them */
  received: ScorerRequest[];
} {
  const received: ScorerRequest[] = [];
  const channel = createLoopback<ScorerRequest, ScorerReply>({ onRequest: (r) => void received.push(r) });
  serveScorer(channel.port, async () => {});
  return { link: createScorerMessageLink(channel.endpoint), received, kill: channel.kill };
}

/** An in-process scorer whose `failAt`-th score call (1-based) throws; `failAt` 0 fails its start. */
export function createFailingScorerLink(failAt: number): ScorerLink & { disposed: () => boolean } {
  const inner = createInProcessScorerLink();
  let calls = 0;
  let disposed = false;
  return {
    async start(setup) {
      if (failAt === 0) throw new Error('the wasm backend did not start in the sub-worker');
      return inner.start(setup);
    },
    async score(range) {
      if (++calls === failAt) throw new Error('out of memory in the scorer');
      return inner.score(range);
    },
    dispose() {
      disposed = true;
      inner.dispose();
    },
    disposed: () => disposed,
  };
}
