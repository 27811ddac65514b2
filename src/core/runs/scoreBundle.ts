// Scores every user of a dataset with an exported bundle: the one path the page and the CLI share, so both give
// the same scores for the same bundle and data.

import {
  checkSpecFits,
  loadModelFromArtifacts,
  tagScores,
  type Bundle,
  type ScoreColumns,
  type SpecFit,
} from '../bundle';
import type { CancelHooks } from '../events/abort';
import type { EventStore } from '../events/types';
import { evaluateRules } from '../labels';
import { scoreStore, type StoreScorer } from './scoring';

export interface BundleScores {
  columns: ScoreColumns;
  fit: SpecFit;
  threshold: number;
  tagged: number;
}

export async function scoreWithBundle(
  bundle: Bundle,
  store: EventStore,
  options: {
    threshold?: number;
    onProgress?: (done: number, total: number) => void;
    /** Cancel: stops between chunks of users with an AbortError */
    cancel?: CancelHooks;
    /** how every user is scored: this thread by default, or sharded over workers (createShardedScorer) */
    scorer?: StoreScorer;
  } = {},
): Promise<BundleScores> {
  const fit = checkSpecFits(bundle.manifest.featureSpec, store);
  if (!fit.ok) throw new Error(fit.message);
  const threshold = options.threshold ?? 0.5;
  const model = await loadModelFromArtifacts(bundle.modelJson, bundle.weights);
  try {
    const scores = await (options.scorer ?? scoreStore)({
      model,
      kind: bundle.manifest.run.kind,
      spec: bundle.manifest.featureSpec,
      store,
      onProgress: options.onProgress,
      cancel: options.cancel,
    });
    const tags = tagScores(scores, threshold);
    const labels = evaluateRules(store, bundle.manifest.rules).labels;
    let tagged = 0;
    for (let i = 0; i < tags.length; i++) tagged += tags[i];
    return { columns: { userIds: store.userIds, scores, tags, labels }, fit, threshold, tagged };
  } finally {
    model.dispose();
  }
}
