// The audit's folds on job sub-workers when the Workers setting is above 1: each sub-worker is sent the store once
// and trains whole folds, a fold per free sub-worker; progress as each fold starts; Cancel or a failed fold ends
// them all. With one worker the folds train here, one after another, as before.

import type { AuditOptions } from '../../../core/runs';
import { createFoldScorer, createJobSetup, startJobWorkers } from '../../../core/sweeps';
import { checkTrainWorkers } from '../../../core/training';
import type { AuditProgress, AuditRequest } from '../../protocol/auditMessages';
import { makeAbortError } from '../../protocol/errors';
import { planJobWorkersFor, spawnJobWorkers } from '../jobWorkers';
import type { HandlerContext } from './types';

export async function withFoldWorkers<T>(
  req: AuditRequest,
  ctx: HandlerContext,
  o: { job: AuditProgress['job']; options: AuditOptions; backend: string },
  run: (options: AuditOptions) => Promise<T>,
): Promise<{ result: T; workersNotice: string | null }> {
  const problem = checkTrainWorkers(req.workers ?? 1);
  if (problem) throw new Error(`The audit cannot start: ${problem}.`);
  // never more sub-workers than folds, nor more copies of the store than the tab can hold
  const copies = planJobWorkersFor(Math.min(req.workers ?? 1, req.k), o.options.store);
  const workers = copies.workers;
  if (workers <= 1) return { result: await run(o.options), workersNotice: copies.notice };
  const links = spawnJobWorkers(workers);
  const endAll = () => links.forEach((link) => link.dispose());
  ctx.signal.addEventListener('abort', endAll, { once: true });
  try {
    const { store, kind } = o.options;
    await startJobWorkers(links, createJobSetup({ store, kind, backend: o.backend }));
    const scoreFold = createFoldScorer(links, (fold) =>
      ctx.emit('audit/progress', { job: o.job, fold: fold.fold + 1, of: fold.of }),
    );
    return { result: await run({ ...o.options, scoreFold }), workersNotice: copies.notice };
  } catch (err) {
    // ending the sub-workers is how a cancel stops the folds in flight: report it as the cancel it is
    if (ctx.signal.aborted) throw makeAbortError('The audit was cancelled.');
    throw err;
  } finally {
    ctx.signal.removeEventListener('abort', endAll);
    endAll();
  }
}
