// Export actions as plain functions: choose a run, download its model files or bundle, restore a dropped bundle into
// the runs list, score every user of the dataset, move the threshold, and download the scores CSV.
// Saving a file is the caller's `save` (the page's <a download>), so these run in tests without a DOM.

import type { RunRecord } from '../core/runs';
import { isCancelled } from '../worker/protocol/errors';
import { getLabClient, type LabClient } from '../worker/client';
import type { DownloadFile, ExportArtifact, ScoreOutcome } from '../worker/protocol/exportMessages';
import { indexScores } from './exportSummary';
import type { ScoredDataset } from './exportSlice';
import { useLab, type LabState } from './index';
import { addRun } from './runsActions';
import { describeError } from '../core/errors';

const set = useLab.setState;
const get = useLab.getState;

export type SaveFile = (file: DownloadFile) => void;

/** Runs with a trained model to export or score: finished, or stopped with what they learned. */
export function exportableRuns(state: Pick<LabState, 'runs'>): RunRecord[] {
  return state.runs.filter((r) => r.status === 'done' || r.status === 'stopped');
}

/** The run the screen works with: the chosen one while it is exportable, else the latest exportable run. */
export function pickExportRun(state: Pick<LabState, 'runs' | 'exportRunId'>): RunRecord | null {
  const runs = exportableRuns(state);
  return runs.find((r) => r.id === state.exportRunId) ?? runs[runs.length - 1] ?? null;
}

export function chooseExportRun(runId: string): void {
  set({ exportRunId: runId, downloadError: null, scoreError: null });
}

export async function downloadArtifact(
  runId: string,
  artifact: ExportArtifact,
  save: SaveFile,
  client: LabClient = getLabClient(),
): Promise<void> {
  set({ downloading: artifact, downloadError: null });
  try {
    const files = await client.request('export/download', { runId, artifact });
    for (const file of files) save(file);
    set({ downloading: null });
  } catch (error) {
    set({ downloading: null, downloadError: `Could not build the download: ${describeError(error)}` });
  }
}

const isZipName = (name: string) => /\.zip$/i.test(name);

/** Dropped or picked files: the one bundle zip among them is restored as a run. */
export async function importBundleFiles(files: File[], client: LabClient = getLabClient()): Promise<void> {
  if (files.length === 0) return;
  const zips = files.filter((f) => isZipName(f.name));
  const file = zips.length === 1 ? zips[0] : files.length === 1 ? files[0] : null;
  if (!file) {
    const fileName = files.map((f) => f.name).join(', ');
    const message =
      zips.length > 1
        ? 'Drop one bundle zip at a time.'
        : 'None of these is a bundle zip. Drop the .zip that Tag Lab exported with "Download bundle".';
    set({ importError: { fileName, message } });
    return;
  }
  set({ importing: file.name, importError: null });
  try {
    const imported = await client.request('export/import', { file: { name: file.name, blob: file } });
    addRun(imported.record);
    set({
      importing: null,
      exportRunId: imported.record.id,
      restored: {
        ...get().restored,
        [imported.record.id]: {
          fileName: file.name,
          exportedAt: imported.exportedAt,
          fit: imported.fit,
          datasetLoadedAt: get().dataset?.loadedAt ?? null,
        },
      },
      scored: get().scored?.runId === imported.record.id ? null : get().scored,
    });
  } catch (error) {
    set({ importing: null, importError: { fileName: file.name, message: describeError(error) } });
  }
}

export function dismissImportError(): void {
  set({ importError: null });
}

function toScored(outcome: ScoreOutcome, datasetLoadedAt: string): ScoredDataset {
  return {
    runId: outcome.runId,
    users: outcome.users,
    index: indexScores(outcome.scores, outcome.labels),
    top: outcome.top,
    fit: outcome.fit,
    backend: outcome.backend,
    workers: outcome.workers,
    notice: outcome.notice,
    durationMs: outcome.durationMs,
    datasetLoadedAt,
  };
}

/**
 * Scores every user of the loaded dataset with the run (progress and Cancel in `scoring`), on the Train screen's
 * Workers setting: the lab worker and workers − 1 scoring sub-workers.
 */
export async function scoreDataset(runId: string, client: LabClient = getLabClient()): Promise<void> {
  const dataset = get().dataset;
  if (!dataset) {
    set({ scoreError: 'Load a dataset on the Data screen first.' });
    return;
  }
  get().scoring?.controller.abort();
  const controller = new AbortController();
  const progress = { runId, done: 0, total: dataset.report.users, controller };
  set({ scoring: progress, scoreError: null, scoreNotice: null });
  const current = () => get().scoring?.controller === controller;
  try {
    const outcome = await client.request(
      'export/score',
      {
        runId,
        threshold: get().threshold,
        backend: get().trainSettings.backend,
        workers: get().trainSettings.workers,
      },
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.kind === 'export/progress' && current())
            set({ scoring: { ...progress, done: event.payload.done, total: event.payload.total } });
        },
      },
    );
    if (current()) set({ scoring: null, scored: toScored(outcome, dataset.loadedAt) });
  } catch (error) {
    if (!current()) return;
    if (isCancelled(error)) {
      const kept = get().scored ? ' The scores shown before are kept.' : '';
      set({ scoring: null, scoreNotice: `Scoring cancelled.${kept}` });
    } else set({ scoring: null, scoreError: describeError(error) });
  }
}

/** Stops the scoring in the worker; the scores from before stay. */
export function cancelScoring(): void {
  get().scoring?.controller.abort();
}

/** Re-tags at a new threshold: the summary re-counts from the kept scores, nothing is scored again. */
export function setThreshold(threshold: number): void {
  set({ threshold: Math.min(1, Math.max(0, threshold)) });
}

export async function downloadScoresCsv(save: SaveFile, client: LabClient = getLabClient()): Promise<void> {
  const scored = get().scored;
  if (!scored) return;
  set({ downloading: 'scores', downloadError: null });
  try {
    save(await client.request('export/scoresCsv', { runId: scored.runId, threshold: get().threshold }));
    set({ downloading: null });
  } catch (error) {
    set({ downloading: null, downloadError: `Could not build the scores CSV: ${describeError(error)}` });
  }
}
