// Compare actions as plain functions: restore saved runs on start, rename and delete runs, choose which runs are
// compared, move the threshold, and fetch the numbers the worker computes from each run's kept validation scores.

import type { RunRecord } from '../core/runs';
import { getLabClient, type LabClient } from '../worker/client';
import { isComparable } from './compareSlice';
import { useLab, type LabState } from './index';
import { beginLatest } from './latest';
import { removeRun, updateRun } from './runsActions';
import { describeError } from '../core/errors';

const set = useLab.setState;
const get = useLab.getState;

/** The runs being compared, in list order: the ticked ones, or every comparable run until one is ticked. */
export function selectComparedRuns(state: Pick<LabState, 'runs' | 'compareSelection'>): RunRecord[] {
  const comparable = state.runs.filter(isComparable);
  if (state.compareSelection === null) return comparable;
  const chosen = new Set(state.compareSelection);
  return comparable.filter((r) => chosen.has(r.id));
}

/**
 * On start (and after the worker died): the runs saved in this browser join the list (older than any run of this
 * session); a run the page still shows training takes its saved record (interrupted, once its worker died).
 */
export async function restoreRuns(client: LabClient = getLabClient()): Promise<void> {
  set({ runsRestore: 'restoring' });
  try {
    const { runs, message, resumable } = await client.request('compare/restore', {});
    const present = new Set(get().runs.map((r) => r.id));
    const saved = new Map(runs.map((r) => [r.id, r]));
    const cutOff = (r: RunRecord) => (r.status === 'running' || r.status === 'queued') && saved.has(r.id);
    set({
      resumable: [...new Set([...get().resumable, ...resumable])],
      runs: [
        ...runs.filter((r) => !present.has(r.id)),
        ...get().runs.map((r) => (cutOff(r) ? saved.get(r.id)! : r)),
      ],
      runsRestore: 'done',
      storageMessages: message ? [...get().storageMessages, message] : get().storageMessages,
    });
  } catch (error) {
    set({
      runsRestore: 'done',
      storageMessages: [
        ...get().storageMessages,
        `Could not restore the saved runs: ${describeError(error)}.`,
      ],
    });
  }
}

/** Routes 'a run could not be saved' events into the store. Returns the unsubscribe function. */
export function connectCompareEvents(client: LabClient = getLabClient()): () => void {
  return client.on('compare/storage', ({ message }) => {
    if (!get().storageMessages.includes(message))
      set({ storageMessages: [...get().storageMessages, message] });
  });
}

export function dismissStorageMessages(): void {
  set({ storageMessages: [] });
}

export async function renameRun(runId: string, name: string, client: LabClient = getLabClient()) {
  const trimmed = name.trim();
  const before = get().runs.find((r) => r.id === runId);
  if (!before || !trimmed || trimmed === before.name) return;
  updateRun(runId, { name: trimmed });
  try {
    await client.request('compare/rename', { runId, name: trimmed });
  } catch (error) {
    updateRun(runId, { name: before.name });
    set({ compareError: `Could not rename "${before.name}": ${describeError(error)}` });
  }
}

/** Deletes the run in the worker (its tensors and saved entries), then forgets it here. */
export async function deleteRun(runId: string, client: LabClient = getLabClient()): Promise<void> {
  try {
    await client.request('compare/delete', { runId });
  } catch (error) {
    set({ compareError: `Could not delete the run: ${describeError(error)}` });
    return;
  }
  removeRun(runId);
  const { compareSelection, runCurves, thresholdMetrics, truthAt } = get();
  const curves = { ...runCurves };
  const metrics = { ...thresholdMetrics };
  const truth = { ...truthAt };
  delete curves[runId];
  delete metrics[runId];
  delete truth[runId];
  set({
    compareSelection: compareSelection?.filter((id) => id !== runId) ?? null,
    runCurves: curves,
    thresholdMetrics: metrics,
    truthAt: truth,
  });
}

/** Ticks or unticks a run; the first change turns "every run" into an explicit choice. */
export function setCompared(runId: string, compared: boolean): void {
  const current = selectComparedRuns(get()).map((r) => r.id);
  const next = compared ? [...new Set([...current, runId])] : current.filter((id) => id !== runId);
  set({ compareSelection: next });
}

export function setThreshold(threshold: number): void {
  set({ threshold: Math.min(1, Math.max(0, threshold)) });
}

export function clearCompareError(): void {
  set({ compareError: null });
}

/** Metrics of the runs at the threshold; a slower, older answer never overwrites a newer one. */
export async function loadThresholdMetrics(
  runIds: string[],
  threshold: number,
  client: LabClient = getLabClient(),
): Promise<void> {
  if (runIds.length === 0) return;
  const isLatest = beginLatest('thresholdMetrics');
  try {
    const results = await client.request('compare/metrics', { runIds, threshold });
    if (!isLatest()) return;
    const metrics = { ...get().thresholdMetrics };
    for (const r of results) metrics[r.runId] = r.metrics;
    set({ thresholdMetrics: metrics, metricsThreshold: threshold });
  } catch (error) {
    if (isLatest()) set({ compareError: `Could not compute the metrics: ${describeError(error)}` });
  }
}

/**
 * Each run's validation metrics with 95% intervals at the threshold, and every pair of the runs compared on their
 * shared validation users; both computed in the worker (the bootstrap is redone per threshold). The newest wins.
 */
export async function loadVerdicts(
  runIds: string[],
  threshold: number,
  client: LabClient = getLabClient(),
): Promise<void> {
  if (runIds.length === 0) return;
  const isLatest = beginLatest('verdicts');
  try {
    const [intervals, verdicts] = await Promise.all([
      client.request('compare/intervals', { runIds, threshold }),
      client.request('compare/paired', { runIds, threshold }),
    ]);
    if (!isLatest()) return;
    const intervalsAt = { ...get().intervalsAt };
    for (const r of intervals) intervalsAt[r.runId] = r.estimates;
    set({ intervalsAt, verdicts, verdictsThreshold: threshold });
  } catch (error) {
    if (isLatest()) set({ compareError: `Could not compare the runs: ${describeError(error)}` });
  }
}

/** Truth metrics of the runs at the threshold, from their kept all-user scores; the newest request wins. */
export async function loadTruthAt(
  runIds: string[],
  threshold: number,
  client: LabClient = getLabClient(),
): Promise<void> {
  if (runIds.length === 0) return;
  const isLatest = beginLatest('truthAt');
  try {
    const results = await client.request('compare/truth', { runIds, threshold });
    if (!isLatest()) return;
    const truthAt = { ...get().truthAt };
    for (const r of results) truthAt[r.runId] = r;
    set({ truthAt });
  } catch (error) {
    if (isLatest()) set({ compareError: `Could not compute the truth metrics: ${describeError(error)}` });
  }
}

/** ROC, PR and histograms for runs whose curves are not loaded yet (a finished run's curves never change). */
export async function loadRunCurves(runIds: string[], client: LabClient = getLabClient()): Promise<void> {
  const missing = runIds.filter((id) => !get().runCurves[id]);
  if (missing.length === 0) return;
  try {
    const results = await client.request('compare/curves', { runIds: missing });
    const curves = { ...get().runCurves };
    for (const r of results) curves[r.runId] = r;
    set({ runCurves: curves });
  } catch (error) {
    set({ compareError: `Could not compute the curves: ${describeError(error)}` });
  }
}
