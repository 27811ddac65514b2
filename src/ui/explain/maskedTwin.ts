// The run to set beside a population view: the same model kind trained the other way round on the rule categories
// (masked where this one reads them, or the reverse), so "where did the weight go?" is answered side by side.

import type { RunRecord } from '../../core/runs';
import type { PopulationView } from '../../worker/protocol/explainMessages';

export const isMasked = (run: RunRecord): boolean => run.featureSpec.maskedCategories.length > 0;

export interface MaskedTwin {
  run: RunRecord;
  /** its population view, when one was computed in this session */
  view: PopulationView | null;
}

/** The newest run of the same kind with the opposite masking, preferring one whose population view exists. */
export function findMaskedTwin(
  run: RunRecord,
  runs: readonly RunRecord[],
  populations: Readonly<Record<string, PopulationView>>,
): MaskedTwin | null {
  const candidates = runs
    .filter((r) => r.id !== run.id && r.kind === run.kind && isMasked(r) !== isMasked(run))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const explained = candidates.find((r) => populations[r.id]);
  if (explained) return { run: explained, view: populations[explained.id] };
  return candidates.length ? { run: candidates[0], view: null } : null;
}
