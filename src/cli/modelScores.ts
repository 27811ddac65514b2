// Scores of every user of a dataset from a saved model folder, and the users the model's own rules label: what
// `evaluate` and `compare` measure against.

import type { Bundle } from '../core/bundle';
import { LABEL } from '../core/labels';
import type { EventStore } from '../core/events';
import { scoreWithBundle } from '../core/runs';
import { InputError } from './args';
import { readModelFolder } from './modelFolder';

export interface FolderScores {
  dir: string;
  bundle: Bundle;
  /** one score per store user */
  scores: Float32Array;
  /** LABEL code per store user, from the bundle's rules */
  ruleLabels: Uint8Array;
}

export async function scoreModelFolder(
  dir: string,
  store: EventStore,
  threshold: number,
): Promise<FolderScores> {
  const bundle = readModelFolder(dir);
  try {
    const result = await scoreWithBundle(bundle, store, { threshold });
    return {
      dir,
      bundle,
      scores: Float32Array.from(result.columns.scores),
      ruleLabels: Uint8Array.from(result.columns.labels),
    };
  } catch (e) {
    throw new InputError(`${dir}: ${(e as Error).message}`);
  }
}

/** Store indices of the rule-labelled users (conflicts and unlabelled left out) and their 1/0 labels. */
export function ruleLabelledUsers(ruleLabels: Uint8Array): { users: Int32Array; labels: Uint8Array } {
  const users: number[] = [];
  for (let u = 0; u < ruleLabels.length; u++)
    if (ruleLabels[u] === LABEL.positive || ruleLabels[u] === LABEL.negative) users.push(u);
  return {
    users: Int32Array.from(users),
    labels: Uint8Array.from(users, (u) => (ruleLabels[u] === LABEL.positive ? 1 : 0)),
  };
}

export function pick(values: Float32Array, users: Int32Array): Float32Array {
  return Float32Array.from(users, (u) => values[u]);
}

/** Why metrics against rule labels on a saved model's dataset read high. */
export const RULE_LABEL_NOTE =
  'Against the rule labels of every labelled user, the training users included: optimistic. Prefer --truth or data the model never saw.';
