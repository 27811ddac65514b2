// Audit handlers: the confident-learning label audit and the Elkan–Noto estimate over the loaded dataset, each from k
// models trained fold by fold (no run may train meanwhile, and none starts beside them), with progress per fold and
// cancel between folds; with the Workers setting above 1 the folds train side by side on sub-workers (auditFolds). The flagged users most worth a look come back with their monthly timelines.

import { yieldToEventLoop, type EventStore } from '../../../core/events';
import { evaluateRules, resolveCategoryNames, userTimeline, type RuleSet } from '../../../core/labels';
import { runElkanNoto, runLabelAudit, type AuditOptions } from '../../../core/runs';
import type { AuditProgress, AuditRequest } from '../../protocol/auditMessages';
import { makeAbortError } from '../../protocol/errors';
import type { PreviewMonth } from '../../protocol/rulesMessages';
import { ensureBackend } from '../backend';
import { withFoldWorkers } from './auditFolds';
import { previewMonthsFor } from './rules';
import type { Handler, HandlerContext } from './types';

/** The audit holds this key in activeRuns while its folds train, as a sweep does. */
export const AUDIT_RUN_KEY = 'audit';
/** Flagged users sent with their timelines (the list itself is complete; the CSV holds every one). */
export const TIMELINE_USERS = 200;

async function prepare(req: AuditRequest, ctx: HandlerContext, job: AuditProgress['job']) {
  const dataset = ctx.state.dataset;
  if (!dataset)
    throw new Error('No dataset is loaded. Load files or the demo dataset on the Data screen first.');
  if (ctx.state.activeRuns.size > 0)
    throw new Error('A run or sweep is training: start the audit after it ends.');
  if (!(Number.isInteger(req.k) && req.k >= 2 && req.k <= 10))
    throw new Error(`The audit needs a whole number of folds from 2 to 10, got ${req.k}.`);
  const { info, changed } = await ensureBackend(req.backend);
  if (changed) ctx.state.broadcast('train/backend', info);
  const options: AuditOptions = {
    store: dataset.store,
    setup: req.setup,
    kind: req.kind,
    hyperparameters: req.hyperparameters,
    k: req.k,
    maskRuleCategories: req.maskRuleCategories,
    // folds are the only place to stop: a macrotask break lets a cancel arrive, and the audit ends before the
    // next fold trains
    onFold: async (fold, of) => {
      await yieldToEventLoop();
      if (ctx.signal.aborted) throw makeAbortError('The audit was cancelled.');
      ctx.emit('audit/progress', { job, fold: fold + 1, of });
    },
  };
  return { dataset, options, backend: info.backend };
}

async function holdingTheTrainer<T>(ctx: HandlerContext, work: () => Promise<T>): Promise<T> {
  ctx.state.activeRuns.set(AUDIT_RUN_KEY, { stop: false });
  try {
    return await work();
  } finally {
    ctx.state.activeRuns.delete(AUDIT_RUN_KEY);
  }
}

function timelinesOf(
  store: EventStore,
  rules: RuleSet,
  userIds: readonly (string | null)[],
): { timelines: Record<string, PreviewMonth[]>; asOf: string } {
  const labels = evaluateRules(store, rules);
  const months = previewMonthsFor(rules);
  const conditions = [...rules.positive.conditions, ...rules.negative.conditions];
  const highlight = resolveCategoryNames(
    store,
    conditions.flatMap((c) => c.categories),
  ).indices;
  const index = new Map(store.userIds.map((id, u) => [id, u]));
  const timelines: Record<string, PreviewMonth[]> = {};
  for (const id of userIds) {
    const u = id === null ? undefined : index.get(id);
    if (id === null || u === undefined) continue;
    timelines[id] = userTimeline(store, u, labels.asOfDay, months, highlight).map((m) => ({
      month: m.month,
      purchases: m.purchases,
      clicks: m.clicks,
      highlighted: m.highlighted,
    }));
  }
  return { timelines, asOf: labels.asOf };
}

const auditRuleLabels: Handler<'audit/labels'> = async (req, ctx) => {
  const started = performance.now();
  const { dataset, options, backend } = await prepare(req, ctx, 'labels');
  const { result: audit, workersNotice } = await holdingTheTrainer(ctx, () =>
    withFoldWorkers(req, ctx, { job: 'labels', options, backend }, runLabelAudit),
  );
  const shown = audit.flagged.slice(0, TIMELINE_USERS).map((f) => f.userId);
  return {
    audit,
    ...timelinesOf(dataset.store, req.setup.rules, shown),
    k: req.k,
    kind: req.kind,
    durationMs: Math.round(performance.now() - started),
    workersNotice,
  };
};

const estimateMissedPositives: Handler<'audit/elkanNoto'> = async (req, ctx) => {
  const started = performance.now();
  const { dataset, options, backend } = await prepare(req, ctx, 'elkanNoto');
  const { result: estimate, workersNotice } = await holdingTheTrainer(ctx, () =>
    withFoldWorkers(req, ctx, { job: 'elkanNoto', options, backend }, (o) =>
      runElkanNoto({ ...o, truth: dataset.truth }),
    ),
  );
  return {
    ...estimate,
    k: req.k,
    kind: req.kind,
    durationMs: Math.round(performance.now() - started),
    workersNotice,
  };
};

export const auditHandlers = {
  'audit/labels': auditRuleLabels,
  'audit/elkanNoto': estimateMissedPositives,
};
