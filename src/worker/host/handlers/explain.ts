// Explain handlers: one user's contributions with a run's model on the loaded dataset, and the population view over
// the users its last scoring tagged. A new ExplainContext each request: it copies the model's projection weights,
// so one kept across requests would miss weights edited since.

import { checkSpecFits } from '../../../core/bundle';
import {
  createExplainContext,
  explainPopulation,
  explainUser,
  findUser,
  selectTaggedUsers,
  type ExplainContext,
} from '../../../core/explain';
import { pauseBetweenChunks } from '../../../core/events';
import type { WorkerState } from '../state';
import { ensureSomeBackend, requireRun } from './export';
import { DEFAULT_EXPLAIN_ROWS, viewOfExplanation } from './explainView';
import type { Handler } from './types';

/** Tagged users past this are sampled evenly: the view is a mean, and 1,000 users take under a minute. */
export const DEFAULT_POPULATION_USERS = 1000;
/** Users per pass in the worker: Cancel is read between passes, so a pass must stay well under a second. */
const POPULATION_BATCH_USERS = 8;

async function contextFor(state: WorkerState, runId: string): Promise<ExplainContext> {
  const { record, model } = await requireRun(state, runId);
  const store = state.dataset?.store;
  if (!store)
    throw new Error('No dataset is loaded. Load files or the demo dataset on the Data screen first.');
  const fit = checkSpecFits(record.featureSpec, store);
  if (!fit.ok) throw new Error(fit.message);
  await ensureSomeBackend(state, record.backend);
  return createExplainContext({
    model,
    kind: record.kind,
    spec: record.featureSpec,
    store,
    rules: record.rules,
  });
}

const explainOneUser: Handler<'explain/user'> = async ({ runId, userId, steps, rows }, ctx) => {
  const id = userId.trim();
  if (!id) throw new Error('Type a user id.');
  const context = await contextFor(ctx.state, runId);
  const user = findUser(context.store, id);
  if (user < 0) throw new Error(`User "${id}" is not in the loaded dataset.`);
  // one user is one batched pass (under a second), which cannot be split: a Cancel sent meanwhile is read here
  await pauseBetweenChunks({ signal: ctx.signal }, 'Explanation cancelled');
  const started = performance.now();
  const explanation = explainUser(context, user, steps);
  const durationMs = performance.now() - started;
  const view = viewOfExplanation(explanation, { runId, rows: rows ?? DEFAULT_EXPLAIN_ROWS, durationMs });
  ctx.transfer.push(...view.grids.map((g) => g.values.buffer));
  return view;
};

/** `count` indices spread evenly over `users` (all of them when there are no more). */
export function sampleEvenly(users: Int32Array, count: number): Int32Array {
  if (users.length <= count) return users;
  return Int32Array.from({ length: count }, (_, i) => users[Math.floor((i * users.length) / count)]);
}

const explainTagged: Handler<'explain/population'> = async ({ runId, threshold, steps, maxUsers }, ctx) => {
  const scoring = ctx.state.scorings.get(runId);
  if (!scoring) throw new Error('Score the users with this run first: the population is the users it tags.');
  const context = await contextFor(ctx.state, runId);
  if (scoring.store !== context.store)
    throw new Error('The dataset changed since these scores were made. Score the users again.');
  const tagged = selectTaggedUsers(scoring.scores, threshold);
  if (tagged.length === 0) throw new Error(`No user is tagged at ${threshold.toFixed(2)}.`);
  const users = sampleEvenly(tagged, maxUsers ?? DEFAULT_POPULATION_USERS);
  const started = performance.now();
  const population = await explainPopulation(context, {
    users,
    steps,
    batchUsers: POPULATION_BATCH_USERS,
    signal: ctx.signal,
    onProgress: (done, total) => ctx.emit('explain/progress', { runId, done, total }),
  });
  return { ...population, runId, tagged: tagged.length, threshold, durationMs: performance.now() - started };
};

export const explainHandlers = {
  'explain/user': explainOneUser,
  'explain/population': explainTagged,
};
