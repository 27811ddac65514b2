// Doctored inputs for the method's evaluation (DESIGN.md): erase every purchase input (can the model work from
// clicks alone?) or erase every input of the rule categories (did it learn more than the rules?).

import type { FeatureBatch, FeatureSpec, SparseSequence } from '../features/types';
import type { RuleSet } from '../labels/types';

export type DoctoringKind = 'none' | 'erase-purchases' | 'erase-rule-categories';
export const DOCTORING_KINDS: readonly DoctoringKind[] = ['none', 'erase-purchases', 'erase-rule-categories'];

export interface DoctoringOptions {
  /** feature columns of the rule categories (see ruleFeatureIndices); used by 'erase-rule-categories' */
  ruleFeatureIndices: Set<number> | readonly number[];
}

function copySequence(seq: SparseSequence): SparseSequence {
  return { ...seq, rows: seq.rows.slice(), cols: seq.cols.slice(), values: seq.values.slice() };
}

function emptySequence(seq: SparseSequence): SparseSequence {
  return { ...seq, rows: new Int32Array(0), cols: new Int32Array(0), values: new Float32Array(0) };
}

/** Drops the entries in the given columns: a missing entry is a zero input. */
function dropColumns(seq: SparseSequence, columns: Set<number>): SparseSequence {
  let kept = 0;
  for (let k = 0; k < seq.cols.length; k++) if (!columns.has(seq.cols[k])) kept++;
  const rows = new Int32Array(kept);
  const cols = new Int32Array(kept);
  const values = new Float32Array(kept);
  let j = 0;
  for (let k = 0; k < seq.cols.length; k++) {
    if (columns.has(seq.cols[k])) continue;
    rows[j] = seq.rows[k];
    cols[j] = seq.cols[k];
    values[j] = seq.values[k];
    j++;
  }
  return { ...seq, rows, cols, values };
}

type SequenceDoctor = (seq: SparseSequence, input: 'yearly' | 'monthly' | 'daily') => SparseSequence;

function chooseDoctor(kind: DoctoringKind, options?: DoctoringOptions): SequenceDoctor {
  const doctors: Record<DoctoringKind, () => SequenceDoctor> = {
    none: () => copySequence,
    'erase-purchases': () => (seq, input) => (input === 'daily' ? copySequence(seq) : emptySequence(seq)),
    'erase-rule-categories': () => {
      const columns = new Set(options?.ruleFeatureIndices ?? []);
      return (seq) => dropColumns(seq, columns);
    },
  };
  const make = doctors[kind];
  if (!make)
    throw new Error(`Unknown doctoring "${String(kind)}": use one of ${DOCTORING_KINDS.join(', ')}.`);
  return make();
}

/**
 * Returns a new batch with the chosen inputs zeroed; the given batch is never mutated and nothing else changes
 * (users, labels, shapes, the other entries and their order).
 */
export function doctorBatch(
  batch: FeatureBatch,
  kind: DoctoringKind,
  options?: DoctoringOptions,
): FeatureBatch {
  const doctor = chooseDoctor(kind, options);
  return {
    users: batch.users.slice(),
    yearly: doctor(batch.yearly, 'yearly'),
    monthly: doctor(batch.monthly, 'monthly'),
    daily: doctor(batch.daily, 'daily'),
    labels: batch.labels.slice(),
  };
}

/**
 * Feature columns of the given rule categories, matched against the vocabulary by id or by display name (rules may
 * name categories either way). Rule categories outside the vocabulary have no column of their own: with the other
 * bucket on they are summed into it, and erasing that whole bucket would erase far more than the rules, so they are
 * left out (see unmatchedRuleCategories to report them).
 */
export function ruleFeatureIndices(spec: FeatureSpec, ruleCategoryIds: readonly string[]): number[] {
  const wanted = new Set(ruleCategoryIds);
  const out: number[] = [];
  for (let i = 0; i < spec.vocabulary.length; i++) {
    if (wanted.has(spec.vocabulary[i]) || wanted.has(spec.vocabularyNames[i])) out.push(i);
  }
  return out;
}

/** Rule categories that match no vocabulary entry (by id or name). */
export function unmatchedRuleCategories(spec: FeatureSpec, ruleCategoryIds: readonly string[]): string[] {
  const known = new Set([...spec.vocabulary, ...spec.vocabularyNames]);
  return ruleCategoryIds.filter((c) => !known.has(c));
}

/** Every category named in any condition of either side of the rules, deduplicated, in order of appearance. */
export function collectRuleCategories(rules: RuleSet): string[] {
  const all = [...rules.positive.conditions, ...rules.negative.conditions].flatMap((c) => c.categories);
  return [...new Set(all)];
}
