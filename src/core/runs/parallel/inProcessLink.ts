// A scorer in this thread behind the ScorerLink interface: the unit tests' transport (no parallelism, same maths).

import { startScorer, type Scorer } from './scorer';
import type { ScorerLink } from './types';

export function createInProcessScorerLink(): ScorerLink {
  let scorer: Scorer | null = null;
  return {
    async start(setup) {
      scorer = await startScorer(setup);
    },
    async score(range) {
      if (!scorer) throw new Error('The scorer was used before start.');
      return scorer.score(range);
    },
    dispose() {
      scorer?.dispose();
      scorer = null;
    },
  };
}
