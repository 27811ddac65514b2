// Scores of every user against the truth file: overall metrics, tag rates by stage (e.g. how many recent mothers a
// model still tags as pregnant), recall on truly positive users the rules left unlabelled, and agreement with the rules.

import type { TruthTable } from '../events/types';
import { LABEL } from '../labels/types';
import type { BinaryMetrics } from './types';
import { computeBinaryMetrics } from './metrics';

export interface StageBreakdown {
  stage: string;
  users: number;
  /** users of this stage scoring at or above the threshold */
  tagged: number;
  tagRate: number;
  /** the truth label of the stage's users; 'mixed' when they differ */
  truthLabel: 0 | 1 | 'mixed';
}

export interface TruthEvaluation {
  /** truth users found in the data */
  matched: number;
  /** truth users absent from the data: counted here, left out of every metric */
  missing: number;
  /** the first few missing user ids, to show */
  missingExamples: string[];
  threshold: number;
  metrics: BinaryMetrics;
  /** by stage in order of first appearance in the truth file; empty when the truth has no stages */
  byStage: StageBreakdown[];
  /** truly positive users whom the rules left unlabelled: how many the model tags */
  unlabelledPositives: { users: number; tagged: number; recall: number };
  /** model tag versus rule label over every rule-labelled user of the data (conflicts excluded) */
  ruleAgreement: { users: number; agree: number; rate: number };
}

export interface TruthEvaluationInput {
  /** store user index → user id */
  userIds: readonly string[];
  /** one score per store user */
  scores: Float32Array;
  truth: TruthTable;
  /** LABEL code per store user */
  ruleLabels: Uint8Array;
  threshold?: number;
}

const MISSING_EXAMPLES = 5;
/** Stage name for truth users without one, when other users have one. */
export const NO_STAGE = '(no stage)';

export interface MatchedTruth {
  /** store index per matched truth row */
  storeIndex: Int32Array;
  /** truth row per matched entry */
  truthRow: Int32Array;
  missing: number;
  missingExamples: string[];
}

export function matchTruthUsers(userIds: readonly string[], truth: TruthTable): MatchedTruth {
  const index = new Map<string, number>();
  userIds.forEach((id, u) => index.set(id, u));
  const storeIndex: number[] = [];
  const truthRow: number[] = [];
  const missingExamples: string[] = [];
  let missing = 0;
  truth.userIds.forEach((id, row) => {
    const u = index.get(id);
    if (u === undefined) {
      missing++;
      if (missingExamples.length < MISSING_EXAMPLES) missingExamples.push(id);
      return;
    }
    storeIndex.push(u);
    truthRow.push(row);
  });
  return {
    storeIndex: Int32Array.from(storeIndex),
    truthRow: Int32Array.from(truthRow),
    missing,
    missingExamples,
  };
}

function breakDownByStage(m: MatchedTruth, input: TruthEvaluationInput, threshold: number): StageBreakdown[] {
  const stages = input.truth.stages;
  if (!stages) return [];
  const byName = new Map<string, StageBreakdown>();
  for (let k = 0; k < m.truthRow.length; k++) {
    const row = m.truthRow[k];
    const name = stages[row] ?? NO_STAGE;
    const label = input.truth.labels[row] ? 1 : 0;
    let s = byName.get(name);
    if (!s) {
      s = { stage: name, users: 0, tagged: 0, tagRate: NaN, truthLabel: label };
      byName.set(name, s);
    }
    s.users++;
    if (input.scores[m.storeIndex[k]] >= threshold) s.tagged++;
    if (s.truthLabel !== label) s.truthLabel = 'mixed';
  }
  return [...byName.values()].map((s) => ({ ...s, tagRate: s.tagged / s.users }));
}

function measureUnlabelledPositives(m: MatchedTruth, input: TruthEvaluationInput, threshold: number) {
  let users = 0;
  let tagged = 0;
  for (let k = 0; k < m.truthRow.length; k++) {
    const u = m.storeIndex[k];
    if (!input.truth.labels[m.truthRow[k]] || input.ruleLabels[u] !== LABEL.unlabelled) continue;
    users++;
    if (input.scores[u] >= threshold) tagged++;
  }
  return { users, tagged, recall: users === 0 ? NaN : tagged / users };
}

function measureRuleAgreement(input: TruthEvaluationInput, threshold: number) {
  let users = 0;
  let agree = 0;
  for (let u = 0; u < input.ruleLabels.length; u++) {
    const label = input.ruleLabels[u];
    if (label !== LABEL.positive && label !== LABEL.negative) continue;
    users++;
    if (input.scores[u] >= threshold === (label === LABEL.positive)) agree++;
  }
  return { users, agree, rate: users === 0 ? NaN : agree / users };
}

/** Evaluates one model's scores of every store user against the truth table (see TruthEvaluation). */
export function evaluateAgainstTruth(input: TruthEvaluationInput): TruthEvaluation {
  const threshold = input.threshold ?? 0.5;
  const n = input.userIds.length;
  if (input.scores.length !== n || input.ruleLabels.length !== n) {
    throw new Error(
      `Truth evaluation needs one score and one rule label per user: got ${input.scores.length} scores and ` +
        `${input.ruleLabels.length} rule labels for ${n} users.`,
    );
  }
  const m = matchTruthUsers(input.userIds, input.truth);
  const scores = Float32Array.from(m.storeIndex, (u) => input.scores[u]);
  const labels = Uint8Array.from(m.truthRow, (row) => (input.truth.labels[row] ? 1 : 0));
  return {
    matched: m.storeIndex.length,
    missing: m.missing,
    missingExamples: m.missingExamples,
    threshold,
    metrics: computeBinaryMetrics(scores, labels, threshold),
    byStage: breakDownByStage(m, input, threshold),
    unlabelledPositives: measureUnlabelledPositives(m, input, threshold),
    ruleAgreement: measureRuleAgreement(input, threshold),
  };
}
