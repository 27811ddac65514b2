// Which run a "Why?" on the Compare screen explains with: the audit's fold models and the truth figures are not a
// model the worker keeps, so the explanation uses a trained run, preferring the runs the screen compares.

import type { ModelKind } from '../core/models';
import type { RunRecord } from '../core/runs';
import { selectComparedRuns } from './compareActions';
import { exportableRuns } from './exportActions';
import type { LabState } from './index';

export type ExplainRunChoice = { run: RunRecord; reason: null } | { run: null; reason: string };

export const NO_TRAINED_RUN =
  'No trained run to explain with: train one on the Train screen (the audit’s own fold models are not kept).';

/**
 * The first compared run of `kind` (the audit's model kind), else the first compared run, else the newest trained
 * run of `kind`, else the newest trained run; compared runs count only when they have a model (done or stopped).
 */
export function chooseExplainRun(
  state: Pick<LabState, 'runs' | 'compareSelection'>,
  kind?: ModelKind,
): ExplainRunChoice {
  const trained = exportableRuns(state);
  if (trained.length === 0) return { run: null, reason: NO_TRAINED_RUN };
  const withModel = new Set(trained.map((r) => r.id));
  const compared = selectComparedRuns(state).filter((r) => withModel.has(r.id));
  const newestFirst = [...trained].reverse();
  const run =
    compared.find((r) => r.kind === kind) ??
    compared[0] ??
    newestFirst.find((r) => r.kind === kind) ??
    newestFirst[0];
  return { run, reason: null };
}
