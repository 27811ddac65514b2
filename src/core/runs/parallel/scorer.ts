// One scorer: the trained model loaded from its files and a batch builder over its chunk of users, scoring ranges of
// that chunk in the one-thread scorer's batches (so its scores are the one-thread scores). Served on a worker's port
// (messageLink.ts) or kept in this thread (inProcessLink.ts).

import { loadModelFromArtifacts } from '../../bundle';
import { createBatchBuilder } from '../../features';
import { predictScores } from '../../training/validation';
import { allUsers, SCORING_BATCH } from '../scoring';
import type { ScorerSetup, UserRange } from './types';

export interface Scorer {
  score(range: UserRange): Promise<Float32Array>;
  dispose(): void;
}

export async function startScorer(setup: ScorerSetup): Promise<Scorer> {
  const model = await loadModelFromArtifacts(setup.modelJson, setup.weights);
  const builder = createBatchBuilder(setup.store, setup.spec, setup.doctor);
  const users = allUsers(setup.store);
  return {
    score({ lo, hi }) {
      if (!(Number.isInteger(lo) && Number.isInteger(hi) && 0 <= lo && lo <= hi && hi <= users.length))
        throw new Error(`Users ${lo}..${hi} are not in this scorer's ${users.length} users.`);
      const build = (u: Int32Array, l: Float32Array) => builder.build(u, l);
      return predictScores(model, setup.kind, build, users.subarray(lo, hi), SCORING_BATCH);
    },
    dispose: () => model.dispose(),
  };
}
