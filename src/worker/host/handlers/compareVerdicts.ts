// The honest half of the comparison: each run's validation metrics at a threshold with 95% intervals (the bootstrap
// redone at that threshold), and every pair of runs compared on the validation users both scored (paired DeLong for
// ROC AUC, paired bootstrap for the rest), with a verdict that names a winner only when the data can tell.

import {
  alignOnSharedUsers,
  comparePaired,
  countClasses,
  estimateMetrics,
  resolvableAucDifference,
} from '../../../core/evaluation';
import type { PairedVerdict } from '../../protocol/compareMessages';
import { findRunRecord, loadRunValidation } from '../runStoragePersist';
import type { WorkerState } from '../state';
import type { Handler } from './types';
import { describeError } from '../../../core/errors';

function checkThreshold(threshold: number): void {
  if (!(threshold >= 0 && threshold <= 1))
    throw new Error(`The threshold must be between 0 and 1, got ${threshold}.`);
}

const intervalsAt: Handler<'compare/intervals'> = async ({ runIds, threshold }, ctx) => {
  checkThreshold(threshold);
  return Promise.all(
    runIds.map(async (runId) => {
      const v = await loadRunValidation(ctx.state, runId);
      return { runId, estimates: v ? estimateMetrics(v.scores, v.labels, { threshold }) : null };
    }),
  );
};

function sameUsers(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function comparePair(
  state: WorkerState,
  ids: { a: string; b: string },
  threshold: number,
): Promise<PairedVerdict> {
  const base = { a: ids.a, b: ids.b, comparison: null, sharedUsers: 0, sameUsers: false, resolvable: null };
  const [va, vb] = await Promise.all([loadRunValidation(state, ids.a), loadRunValidation(state, ids.b)]);
  if (!va || !vb) return { ...base, unavailable: 'a run kept no validation scores' };
  const ra = findRunRecord(state, ids.a);
  const rb = findRunRecord(state, ids.b);
  if (ra && rb && ra.dataFingerprint !== rb.dataFingerprint)
    return { ...base, unavailable: 'the runs were trained on different data' };
  try {
    const aligned = alignOnSharedUsers(va, vb);
    const shared = aligned.users.length;
    const same = sameUsers(va.users, vb.users);
    const held = countClasses(aligned.labels);
    if (held.positive === 0 || held.negative === 0)
      return {
        ...base,
        sharedUsers: shared,
        sameUsers: same,
        unavailable: 'the users both runs validated on hold only one class',
      };
    const names = { a: ra?.name ?? ids.a, b: rb?.name ?? ids.b };
    const comparison = comparePaired(aligned.scoresA, aligned.scoresB, aligned.labels, { names, threshold });
    const resolvable = resolvableAucDifference(held.positive, held.negative, comparison.auc.a.value);
    return { ...base, comparison, sharedUsers: shared, sameUsers: same, resolvable, unavailable: null };
  } catch (error) {
    return { ...base, unavailable: describeError(error) };
  }
}

/** Every pair of the runs, in list order (a before b). */
const pairedVerdicts: Handler<'compare/paired'> = async ({ runIds, threshold }, ctx) => {
  checkThreshold(threshold);
  const pairs: { a: string; b: string }[] = [];
  runIds.forEach((a, i) => runIds.slice(i + 1).forEach((b) => pairs.push({ a, b })));
  return Promise.all(pairs.map((ids) => comparePair(ctx.state, ids, threshold)));
};

export const compareVerdictHandlers = {
  'compare/intervals': intervalsAt,
  'compare/paired': pairedVerdicts,
};
