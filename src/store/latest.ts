// "Latest wins" for requests to the worker: a slower, older answer never overwrites a newer one, and nothing that
// was asked before a store reset lands after it.

import { useLab } from './index';
import type { LatestTopic } from './sessionSlice';

/** Marks a new request on the topic as the newest; the returned check stays true until a newer one (or a reset). */
export function beginLatest(topic: LatestTopic): () => boolean {
  const token = {};
  useLab.setState((s) => ({ latestRequests: { ...s.latestRequests, [topic]: token } }));
  return () => useLab.getState().latestRequests[topic] === token;
}
