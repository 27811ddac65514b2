// Cuts a user's explanation to what the page shows: the categories with the largest total |contribution| as rows of
// every grid, with their totals, the share of the whole they carry, and the rule categories' total.

import { totalByCategory, type UserExplanation } from '../../../core/explain';
import type { ExplainedGrid, UserExplanationView } from '../../protocol/explainMessages';

/** Rows the page gets by default: enough to read, small enough to send (~30 × 108 cells for a dual model). */
export const DEFAULT_EXPLAIN_ROWS = 30;

export function viewOfExplanation(
  explanation: UserExplanation,
  o: { runId: string; rows: number; durationMs: number },
): UserExplanationView {
  const totals = totalByCategory(explanation);
  const order = Array.from(totals.keys())
    .filter((c) => totals[c] !== 0)
    .sort((a, b) => Math.abs(totals[b]) - Math.abs(totals[a]) || a - b);
  const shown = order.slice(0, Math.max(0, o.rows));
  const sumAbs = (columns: number[]) => columns.reduce((s, c) => s + Math.abs(totals[c]), 0);
  const all = sumAbs(order);
  let ruleTotal = 0;
  explanation.categories.forEach((info, c) => {
    if (info.rule) ruleTotal += totals[c];
  });
  const grids = explanation.grids.map((grid): ExplainedGrid => {
    const values = new Float32Array(grid.periods.length * shown.length);
    let total = 0;
    for (let t = 0; t < grid.periods.length; t++) {
      const base = t * grid.width;
      for (let c = 0; c < grid.width; c++) total += grid.values[base + c];
      shown.forEach((c, row) => (values[t * shown.length + row] = grid.values[base + c]));
    }
    return { input: grid.input, kind: grid.kind, periods: grid.periods, values, total };
  });
  return {
    runId: o.runId,
    userId: explanation.userId,
    score: explanation.score,
    logit: explanation.logit,
    baselineLogit: explanation.baselineLogit,
    steps: explanation.steps,
    completeness: explanation.completeness,
    categories: shown.map((c) => ({ ...explanation.categories[c], total: totals[c] })),
    grids,
    contributingCategories: order.length,
    shownShare: all > 0 ? sumAbs(shown) / all : 1,
    ruleTotal,
    durationMs: o.durationMs,
  };
}
