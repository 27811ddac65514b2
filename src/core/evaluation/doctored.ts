// Scores the validation users on untouched and doctored inputs and turns the difference into a plain verdict on
// how much the model leans on the rule categories (the "memorise more than learn" check of DESIGN.md).

import type { FeatureBatch } from '../features/types';
import type { BinaryMetrics } from './types';
import { doctorBatch, type DoctoringKind } from './doctoring';
import { computeBinaryMetrics } from './metrics';

export interface DoctoredEvaluation {
  untouched: BinaryMetrics;
  erasePurchases: BinaryMetrics;
  eraseRuleCategories: BinaryMetrics;
  /** ROC AUC untouched minus ROC AUC with the rule categories erased (NaN when AUC is undefined) */
  ruleReliance: number;
  /** ROC AUC untouched minus ROC AUC with every purchase erased */
  purchaseReliance: number;
  /** number of non-zero inputs the rule-category erasure removed (0: the rules' categories are not inputs) */
  erasedRuleEntries: number;
  /** one plain sentence for the comparison view */
  verdict: string;
}

export interface DoctoredEvaluationInput {
  /** model scores for a batch, one per user, in batch order */
  score: (batch: FeatureBatch) => Promise<Float32Array>;
  /** the validation users, in batches */
  batches: readonly FeatureBatch[];
  ruleFeatureIndices: Set<number> | readonly number[];
  threshold?: number;
}

/** AUC drops at or above these are called heavy / partial reliance. */
export const HEAVY_RELIANCE = 0.15;
export const PARTIAL_RELIANCE = 0.05;

function entryCount(batch: FeatureBatch): number {
  return batch.yearly.values.length + batch.monthly.values.length + batch.daily.values.length;
}

async function scoreDoctored(
  input: DoctoredEvaluationInput,
  kind: DoctoringKind,
): Promise<{ scores: Float32Array; erased: number }> {
  const total = input.batches.reduce((n, b) => n + b.users.length, 0);
  const scores = new Float32Array(total);
  let offset = 0;
  let erased = 0;
  for (const batch of input.batches) {
    const doctored = doctorBatch(batch, kind, { ruleFeatureIndices: input.ruleFeatureIndices });
    erased += entryCount(batch) - entryCount(doctored);
    const s = await input.score(doctored);
    if (s.length !== batch.users.length) {
      throw new Error(`The model returned ${s.length} scores for a batch of ${batch.users.length} users.`);
    }
    scores.set(s, offset);
    offset += s.length;
  }
  return { scores, erased };
}

function concatLabels(batches: readonly FeatureBatch[]): Float32Array {
  const out = new Float32Array(batches.reduce((n, b) => n + b.labels.length, 0));
  let offset = 0;
  for (const b of batches) {
    out.set(b.labels, offset);
    offset += b.labels.length;
  }
  return out;
}

const fmt = (v: number): string => v.toFixed(2);

/** One sentence saying how much the model leans on the rule categories. */
export function describeRuleReliance(untouchedAuc: number, erasedAuc: number, erasedEntries: number): string {
  if (Number.isNaN(untouchedAuc) || Number.isNaN(erasedAuc)) {
    return 'Cannot judge rule reliance: the validation users hold only one class, so AUC is undefined.';
  }
  if (erasedEntries === 0) {
    return `Erasing the rule categories changes nothing (AUC ${fmt(untouchedAuc)}): none of them is among the model's inputs.`;
  }
  const drop = untouchedAuc - erasedAuc;
  const change = `AUC falls from ${fmt(untouchedAuc)} to ${fmt(erasedAuc)} without them`;
  if (drop >= HEAVY_RELIANCE) return `Leans heavily on the rule categories: ${change}.`;
  if (drop >= PARTIAL_RELIANCE) return `Leans partly on the rule categories: ${change}.`;
  return `Learned more than the rules: AUC stays at ${fmt(erasedAuc)} (from ${fmt(untouchedAuc)}) without the rule categories.`;
}

/** Runs the model three times over the validation batches: untouched, purchases erased, rule categories erased. */
export async function evaluateDoctored(input: DoctoredEvaluationInput): Promise<DoctoredEvaluation> {
  const threshold = input.threshold ?? 0.5;
  const labels = concatLabels(input.batches);
  const untouched = await scoreDoctored(input, 'none');
  const purchases = await scoreDoctored(input, 'erase-purchases');
  const rules = await scoreDoctored(input, 'erase-rule-categories');
  const result = {
    untouched: computeBinaryMetrics(untouched.scores, labels, threshold),
    erasePurchases: computeBinaryMetrics(purchases.scores, labels, threshold),
    eraseRuleCategories: computeBinaryMetrics(rules.scores, labels, threshold),
  };
  return {
    ...result,
    ruleReliance: result.untouched.rocAuc - result.eraseRuleCategories.rocAuc,
    purchaseReliance: result.untouched.rocAuc - result.erasePurchases.rocAuc,
    erasedRuleEntries: rules.erased,
    verdict: describeRuleReliance(result.untouched.rocAuc, result.eraseRuleCategories.rocAuc, rules.erased),
  };
}
