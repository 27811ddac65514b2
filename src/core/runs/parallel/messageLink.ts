// The scorer protocol over any message channel: the coordinator's side (createScorerMessageLink) and the scorer's
// side (serveScorer). The page's scoring sub-workers (src/worker) adapt their port to these shapes.

import {
  createPendingCalls,
  serveInOrder,
  type CallEndpoint,
  type CallReply,
  type ServePort,
} from '../../messaging';
import { startScorer, type Scorer } from './scorer';
import { storeBuffers } from './storeChunk';
import type { ScorerLink, ScorerSetup, UserRange } from './types';

export type ScorerRequest =
  { id: number; type: 'start'; setup: ScorerSetup } | { id: number; type: 'score'; range: UserRange };

export type ScorerReply = CallReply;
/** The coordinator's end of a channel to one scorer (a worker it spawned). */
export type ScorerEndpoint = CallEndpoint<ScorerRequest, ScorerReply>;
/** The scorer's end: where it receives requests and posts replies. */
export type ScorerPort = ServePort<ScorerRequest, ScorerReply>;

export function createScorerMessageLink(endpoint: ScorerEndpoint): ScorerLink {
  const calls = createPendingCalls();
  // a dead worker answers nothing: what waits on it now and everything asked of it later is rejected
  endpoint.listen(calls.settle, calls.fail);
  return {
    // the chunk's event buffers are its own copies (sliceStoreUsers): handed over, not copied again
    start: (setup) =>
      calls.call((id) => endpoint.post({ id, type: 'start', setup }, storeBuffers(setup.store))),
    score: (range) => calls.call((id) => endpoint.post({ id, type: 'score', range }, [])),
    dispose() {
      calls.fail('The scorer was closed.');
      endpoint.terminate();
    },
  };
}

/**
 * Serves one scorer on a port. `prepare` runs before the model is loaded (it starts setup.backend, the
 * coordinator's); a failure is posted back as the request's error. Requests run one at a time in arrival order.
 */
export function serveScorer(port: ScorerPort, prepare: (setup: ScorerSetup) => Promise<void>): void {
  let scorer: Scorer | null = null;
  const handle = async (request: ScorerRequest): Promise<[unknown, ArrayBuffer[]]> => {
    if (request.type === 'start') {
      await prepare(request.setup);
      scorer?.dispose();
      scorer = await startScorer(request.setup);
      return [true, []];
    }
    if (!scorer) throw new Error('The scorer was asked for scores before its setup.');
    const scores = await scorer.score(request.range);
    return [scores, [scores.buffer as ArrayBuffer]];
  };
  serveInOrder(port, handle);
}
