// A few example users per truth cell that an analyst would ask "why?" about: truly positive users the rules left
// unlabelled whom the model tags (the latent signal found) or misses, and truly negative users it tags anyway.

import { LABEL } from '../labels/types';
import { matchTruthUsers, NO_STAGE, type TruthEvaluationInput } from './truth';

export interface TruthExample {
  userId: string;
  score: number;
  /** the truth file's stage, when it has stages */
  stage: string | null;
}

export interface TruthExamples {
  /** truly positive, unlabelled by the rules, tagged: highest scores first */
  foundOutsideRules: TruthExample[];
  /** truly positive, unlabelled by the rules, not tagged: lowest scores first (the clearest misses) */
  missedOutsideRules: TruthExample[];
  /** truly negative, tagged: highest scores first (e.g. recent mothers still tagged pregnant) */
  falselyTagged: TruthExample[];
}

export const TRUTH_EXAMPLES_PER_CELL = 5;

type Cell = keyof TruthExamples;

function cellOf(truth: boolean, unlabelled: boolean, tagged: boolean): Cell | null {
  if (truth && unlabelled) return tagged ? 'foundOutsideRules' : 'missedOutsideRules';
  if (!truth && tagged) return 'falselyTagged';
  return null;
}

/** The `perCell` most telling users of each cell at the threshold; users without a score (NaN) are left out. */
export function pickTruthExamples(
  input: TruthEvaluationInput,
  perCell: number = TRUTH_EXAMPLES_PER_CELL,
): TruthExamples {
  const threshold = input.threshold ?? 0.5;
  const m = matchTruthUsers(input.userIds, input.truth);
  const cells: TruthExamples = { foundOutsideRules: [], missedOutsideRules: [], falselyTagged: [] };
  for (let k = 0; k < m.storeIndex.length; k++) {
    const u = m.storeIndex[k];
    const row = m.truthRow[k];
    const score = input.scores[u];
    if (Number.isNaN(score)) continue;
    const cell = cellOf(
      input.truth.labels[row] === 1,
      input.ruleLabels[u] === LABEL.unlabelled,
      score >= threshold,
    );
    if (!cell) continue;
    const stage = input.truth.stages ? (input.truth.stages[row] ?? NO_STAGE) : null;
    cells[cell].push({ userId: input.userIds[u], score, stage });
  }
  const highFirst = (a: TruthExample, b: TruthExample) =>
    b.score - a.score || a.userId.localeCompare(b.userId);
  return {
    foundOutsideRules: cells.foundOutsideRules.sort(highFirst).slice(0, perCell),
    missedOutsideRules: cells.missedOutsideRules.sort((a, b) => highFirst(b, a)).slice(0, perCell),
    falselyTagged: cells.falselyTagged.sort(highFirst).slice(0, perCell),
  };
}
