// The label audit, in the manner of confident learning (Northcutt, Jiang & Chuang 2021; cleanlab): from
// out-of-fold scores, find the rule-labelled users whose score contradicts their label.
//
// Per-class thresholds: t_j = mean predicted probability of class j over the users labelled j. A user's confident
// class is the class j with p_j ≥ t_j (the likelier one when both pass, none when neither does). Users whose
// confident class differs from their label form the off-diagonal of the confident joint: they are flagged, ranked
// by the margin p(other) − p(label). The estimated noise rate of class j is the share of its confidently counted
// users that the joint puts in the other class (cleanlab's calibrated joint, row-normalised).
// The scores must be out-of-fold: a model that saw a user's label agrees with it. And the model should not see the
// rule categories (the leakage guard), or it reproduces the rules and flags nothing.

export interface LabelAuditInput {
  /** 1 = rule positive, 0 = rule negative, per labelled user */
  labels: ArrayLike<number>;
  /** out-of-fold P(positive), same order */
  scores: ArrayLike<number>;
  userIds?: readonly string[];
  /** per user, the rule conditions that labelled it (e.g. from ruleConditionsPerUser), when known */
  conditions?: readonly (readonly string[])[];
}

export interface FlaggedUser {
  row: number;
  userId: string | null;
  label: 0 | 1;
  score: number;
  /** p(other class) − p(label): larger is more suspicious */
  margin: number;
  conditions: readonly string[];
}

export interface ConditionAudit {
  condition: string;
  users: number;
  flagged: number;
  share: number;
}

export interface LabelAudit {
  /** t1: mean score over rule positives; t0: mean (1 − score) over rule negatives */
  thresholds: { positive: number; negative: number };
  /** confidentJoint[label][confident class] (users with no confident class are left out) */
  confidentJoint: [[number, number], [number, number]];
  /** off-diagonal users, most suspicious first */
  flagged: FlaggedUser[];
  /** estimated share of each rule label that is wrong */
  noiseRate: { positive: number; negative: number };
  labelled: { positive: number; negative: number };
  /** flagged count per rule condition, most flagged share first; empty without provenance */
  byCondition: ConditionAudit[];
  method: string;
}

const METHOD =
  'Confident learning (cleanlab): per-class thresholds = mean out-of-fold probability of the class over its labelled users; flagged = confident class differs from the label';

function classThresholds(labels: ArrayLike<number>, scores: ArrayLike<number>) {
  let sum1 = 0;
  let n1 = 0;
  let sum0 = 0;
  let n0 = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] > 0.5) {
      sum1 += scores[i];
      n1++;
    } else {
      sum0 += 1 - scores[i];
      n0++;
    }
  }
  return { positive: sum1 / n1, negative: sum0 / n0, n1, n0 };
}

/** 1 or 0 when that class passes its threshold (the likelier when both do), −1 when neither does. */
function confidentClass(score: number, t: { positive: number; negative: number }): number {
  const p1 = score >= t.positive;
  const p0 = 1 - score >= t.negative;
  if (p1 && p0) return score >= 0.5 ? 1 : 0;
  return p1 ? 1 : p0 ? 0 : -1;
}

function countByCondition(input: LabelAuditInput, flaggedRows: Set<number>): ConditionAudit[] {
  if (!input.conditions) return [];
  const stats = new Map<string, { users: number; flagged: number }>();
  input.conditions.forEach((list, row) => {
    for (const condition of list) {
      const s = stats.get(condition) ?? { users: 0, flagged: 0 };
      s.users++;
      if (flaggedRows.has(row)) s.flagged++;
      stats.set(condition, s);
    }
  });
  return [...stats.entries()]
    .map(([condition, s]) => ({ condition, ...s, share: s.flagged / s.users }))
    .sort((a, b) => b.share - a.share || b.flagged - a.flagged);
}

export function auditLabels(input: LabelAuditInput): LabelAudit {
  const { labels, scores } = input;
  if (labels.length !== scores.length)
    throw new Error(
      `The audit needs one score per labelled user: ${scores.length} scores, ${labels.length} labels.`,
    );
  const t = classThresholds(labels, scores);
  const joint: [[number, number], [number, number]] = [
    [0, 0],
    [0, 0],
  ];
  const flagged: FlaggedUser[] = [];
  for (let row = 0; row < labels.length; row++) {
    const label = labels[row] > 0.5 ? 1 : 0;
    const s = scores[row];
    const confident = Number.isNaN(s) ? -1 : confidentClass(s, t);
    if (confident < 0) continue;
    joint[label][confident]++;
    if (confident === label) continue;
    const margin = label === 1 ? 1 - 2 * s : 2 * s - 1;
    const userId = input.userIds?.[row] ?? null;
    flagged.push({ row, userId, label, score: s, margin, conditions: input.conditions?.[row] ?? [] });
  }
  flagged.sort((a, b) => b.margin - a.margin || a.row - b.row);
  const rate = (label: 0 | 1) => joint[label][1 - label] / (joint[label][0] + joint[label][1]);
  return {
    thresholds: { positive: t.positive, negative: t.negative },
    confidentJoint: joint,
    flagged,
    noiseRate: { positive: rate(1), negative: rate(0) },
    labelled: { positive: t.n1, negative: t.n0 },
    byCondition: countByCondition(input, new Set(flagged.map((f) => f.row))),
    method: METHOD,
  };
}
