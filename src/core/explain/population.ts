// The population view: mean absolute contribution per category over a set of users (the tagged ones), rule
// categories marked. A model that memorises its rules puts most of the weight on them; one trained with the rule
// categories masked shows where the weight went instead.

import { throwIfAborted, yieldToEventLoop } from '../events';
import { checkCompleteness, KIND_OF_INPUT, type CategoryInfo, type ExplainContext } from './contributions';
import { DEFAULT_IG_STEPS } from './integratedGradients';

const CANCELLED = 'The population explanation was cancelled.';

export interface CategoryImportance extends CategoryInfo {
  column: number;
  /** mean over users of |Σ contributions of the category| (all periods and inputs) */
  meanAbs: number;
  /** mean over users of the signed total: positive pushes scores up */
  meanSigned: number;
  /** the same mean absolute value over purchases only and clicks only */
  purchaseMeanAbs: number;
  clickMeanAbs: number;
  /** users in whom the category contributes anything */
  users: number;
}

export interface PopulationExplanation {
  users: number;
  steps: number;
  /** every category with a non-zero contribution, largest meanAbs first */
  categories: CategoryImportance[];
  /** share of Σ meanAbs on rule categories: near 1 means the model reads the rules */
  ruleShare: number;
  /** users whose contributions missed f(x) − f(baseline) by more than the tolerance */
  incomplete: number;
  /** largest relative completeness gap seen */
  worstRelativeGap: number;
}

export interface PopulationOptions {
  /** store user indices, e.g. the users tagged at the threshold */
  users: Int32Array;
  steps?: number;
  /** users per forward/backward pass; default 16 */
  batchUsers?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Users whose score is at or above the threshold, as store indices. */
export function selectTaggedUsers(scores: Float32Array, threshold: number): Int32Array {
  const out: number[] = [];
  scores.forEach((s, u) => {
    if (s >= threshold) out.push(u);
  });
  return Int32Array.from(out);
}

export async function explainPopulation(
  context: ExplainContext,
  options: PopulationOptions,
): Promise<PopulationExplanation> {
  const { users } = options;
  const steps = options.steps ?? DEFAULT_IG_STEPS;
  const per = options.batchUsers ?? 16;
  const width = context.categories.length;
  const sums = {
    abs: new Float64Array(width),
    signed: new Float64Array(width),
    purchase: new Float64Array(width),
    click: new Float64Array(width),
    users: new Float64Array(width),
  };
  let incomplete = 0;
  let worstRelativeGap = 0;
  const perUser = { purchase: new Float64Array(width), click: new Float64Array(width) };
  for (let start = 0; start < users.length; start += per) {
    throwIfAborted(options.signal, CANCELLED);
    const part = users.subarray(start, Math.min(users.length, start + per));
    for (const a of context.explainer.explain(context.builder.build(part), steps)) {
      perUser.purchase.fill(0);
      perUser.click.fill(0);
      for (const input of a.inputs) {
        const target = perUser[KIND_OF_INPUT[input.input]];
        input.col.forEach((c, i) => (target[c] += input.contribution[i]));
      }
      accumulateUser(sums, perUser.purchase, perUser.click);
      const check = checkCompleteness(a.sum, a.logit - a.baselineLogit);
      if (!check.ok) incomplete++;
      if (Number.isFinite(check.relativeGap))
        worstRelativeGap = Math.max(worstRelativeGap, check.relativeGap);
    }
    options.onProgress?.(start + part.length, users.length);
    // let a worker read its messages (cancel) between passes
    await yieldToEventLoop();
  }
  throwIfAborted(options.signal, CANCELLED);
  return summarise(context.categories, sums, users.length, { steps, incomplete, worstRelativeGap });
}

interface Sums {
  abs: Float64Array;
  signed: Float64Array;
  purchase: Float64Array;
  click: Float64Array;
  users: Float64Array;
}

function accumulateUser(sums: Sums, purchase: Float64Array, click: Float64Array): void {
  for (let c = 0; c < purchase.length; c++) {
    const p = purchase[c];
    const k = click[c];
    if (p === 0 && k === 0) continue;
    sums.abs[c] += Math.abs(p + k);
    sums.signed[c] += p + k;
    sums.purchase[c] += Math.abs(p);
    sums.click[c] += Math.abs(k);
    sums.users[c]++;
  }
}

function summarise(
  categories: CategoryInfo[],
  sums: Sums,
  n: number,
  extra: { steps: number; incomplete: number; worstRelativeGap: number },
): PopulationExplanation {
  const out: CategoryImportance[] = [];
  let total = 0;
  let onRules = 0;
  categories.forEach((info, c) => {
    if (sums.users[c] === 0) return;
    const meanAbs = sums.abs[c] / n;
    total += meanAbs;
    if (info.rule) onRules += meanAbs;
    out.push({
      ...info,
      column: c,
      meanAbs,
      meanSigned: sums.signed[c] / n,
      purchaseMeanAbs: sums.purchase[c] / n,
      clickMeanAbs: sums.click[c] / n,
      users: sums.users[c],
    });
  });
  out.sort((a, b) => b.meanAbs - a.meanAbs || a.column - b.column);
  return { users: n, categories: out, ruleShare: total > 0 ? onRules / total : 0, ...extra };
}
