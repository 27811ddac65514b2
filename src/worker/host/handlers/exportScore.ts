// Scoring handlers: every user of the loaded dataset scored with a run through the bundle path the CLI uses
// (export artifacts → bundle in memory → scoreWithBundle), and the scores CSV built from the kept scores.

import {
  buildManifest,
  exportModelArtifacts,
  labelSourceOf,
  tagScores,
  writeScoresCsv,
  type Bundle,
} from '../../../core/bundle';
import { isAbortError } from '../../../core/events';
import { plannedScorers, scoreWithBundle } from '../../../core/runs';
import { checkTrainWorkers } from '../../../core/training';
import { workerScorer } from '../scorePool';
import { makeAbortError } from '../../protocol/errors';
import type { TopScore } from '../../protocol/exportMessages';
import type { LoadedDataset, Scoring, WorkerState } from '../state';
import { describeFit, ensureSomeBackend, MIME, ownBuffer, requireRun } from './export';
import { scoresFileName } from './exportNames';
import type { Handler } from './types';

export const TOP_SCORES = 10;
/** Scorings kept for their CSV; older ones are dropped (a million users cost about 5 MB each). */
const KEPT_SCORINGS = 4;

function keepScoring(state: WorkerState, scoring: Scoring): void {
  const map = state.scorings;
  map.delete(scoring.record.id);
  map.set(scoring.record.id, scoring);
  while (map.size > KEPT_SCORINGS) map.delete(map.keys().next().value as string);
}

function requireDataset(state: WorkerState): LoadedDataset {
  if (!state.dataset)
    throw new Error('No dataset is loaded. Load files or the demo dataset on the Data screen first.');
  return state.dataset;
}

function checkThreshold(threshold: number): void {
  if (!(threshold >= 0 && threshold <= 1))
    throw new Error(`The threshold must be between 0 and 1 (got ${threshold}).`);
}

/** The `count` highest scores, best first (NaN scores never make the list). */
export function pickTopScores(
  scores: Float32Array,
  labels: Uint8Array,
  userIds: readonly string[],
  count: number,
): TopScore[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!Number.isFinite(s)) continue;
    if (best.length === count && s <= scores[best[best.length - 1]]) continue;
    let at = best.length;
    while (at > 0 && scores[best[at - 1]] < s) at--;
    best.splice(at, 0, i);
    if (best.length > count) best.pop();
  }
  return best.map((i) => ({ userId: userIds[i], score: scores[i], labelSource: labelSourceOf(labels[i]) }));
}

const scoreDataset: Handler<'export/score'> = async ({ runId, threshold, backend, workers = 1 }, ctx) => {
  checkThreshold(threshold);
  const workersProblem = checkTrainWorkers(workers);
  if (workersProblem) throw new Error(`Scoring cannot start: ${workersProblem}.`);
  const { record, model } = await requireRun(ctx.state, runId);
  const { store } = requireDataset(ctx.state);
  const started = performance.now();
  const info = await ensureSomeBackend(ctx.state, backend);
  const { modelJson, weights } = await exportModelArtifacts(model);
  const bundle: Bundle = { manifest: buildManifest(record), modelJson, weights };
  const notices: string[] = [];
  const result = await scoreWithBundle(bundle, store, {
    threshold,
    scorer: workerScorer(workers, info.backend, (m) => notices.push(m)),
    onProgress: (done, total) => ctx.emit('export/progress', { runId, done, total }),
    cancel: { signal: ctx.signal },
  }).catch((error: unknown) => {
    throw isAbortError(error) ? makeAbortError('Scoring cancelled') : error;
  });
  const scores = Float32Array.from(result.columns.scores);
  const labels = Uint8Array.from(result.columns.labels);
  keepScoring(ctx.state, { record, store, scores, labels, scoredAt: new Date() });
  const page = { scores: scores.slice(), labels: labels.slice() };
  ctx.transfer.push(page.scores.buffer, page.labels.buffer);
  return {
    runId,
    users: store.userIds.length,
    ...page,
    top: pickTopScores(scores, labels, store.userIds, TOP_SCORES),
    fit: describeFit(bundle.manifest, store),
    backend: info.backend,
    workers: plannedScorers(store.userIds.length, workers),
    notice: notices.length > 0 ? notices.join(' ') : null,
    durationMs: performance.now() - started,
  };
};

/** The CSV as one buffer: encoded chunk by chunk, so no single giant string is ever built. */
function encodeCsv(scoring: Scoring, threshold: number): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const columns = {
    userIds: scoring.store.userIds,
    scores: scoring.scores,
    tags: tagScores(scoring.scores, threshold),
    labels: scoring.labels,
  };
  writeScoresCsv(columns, (chunk) => parts.push(encoder.encode(chunk)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const buildScoresCsv: Handler<'export/scoresCsv'> = async ({ runId, threshold }, ctx) => {
  checkThreshold(threshold);
  const scoring = ctx.state.scorings.get(runId);
  if (!scoring)
    throw new Error('This run has not scored the dataset yet (or its scores were dropped). Score again.');
  if (ctx.state.dataset?.store !== scoring.store)
    throw new Error('The dataset changed since these scores were made. Score the users again.');
  const bytes = ownBuffer(encodeCsv(scoring, threshold));
  ctx.transfer.push(bytes);
  return { name: scoresFileName(scoring.record, scoring.scoredAt), type: MIME.csv, bytes };
};

export const exportScoreHandlers = {
  'export/score': scoreDataset,
  'export/scoresCsv': buildScoresCsv,
};
