// The Export screen's state: the chosen run, bundles restored in this page, downloads and import in progress, and the
// last scoring of the dataset (scores and labels as typed arrays, indexed once for the threshold slider).

import type { StateCreator } from 'zustand';
import type { BackendName } from '../core/models';
import type { ExportArtifact, FitReport, TopScore } from '../worker/protocol/exportMessages';
import type { ScoreIndex } from './exportSummary';
import type { LabState } from './index';

export const DEFAULT_THRESHOLD = 0.5;

/** Where a restored run came from. */
export interface RestoredBundle {
  fileName: string;
  /** ISO timestamp of the export */
  exportedAt: string;
  /** how the bundle fits the dataset loaded when it was dropped; null without a dataset */
  fit: FitReport | null;
  /** DatasetInfo.loadedAt of that dataset: the fit says nothing about a dataset loaded later */
  datasetLoadedAt: string | null;
}

export interface ScoringProgress {
  runId: string;
  done: number;
  total: number;
  /** aborting it cancels the scoring in the worker */
  controller: AbortController;
}

export interface ScoredDataset {
  runId: string;
  users: number;
  index: ScoreIndex;
  top: TopScore[];
  fit: FitReport;
  backend: BackendName;
  /** workers that scored, the lab worker included */
  workers: number;
  /** a scoring sub-worker failed and the lab worker scored its users instead; else null */
  notice: string | null;
  durationMs: number;
  /** DatasetInfo.loadedAt of the data scored: a newer dataset makes these scores stale */
  datasetLoadedAt: string;
}

export interface ExportSlice {
  /** the run the Export screen works with */
  exportRunId: string | null;
  /** runId → the bundle it was restored from */
  restored: Record<string, RestoredBundle>;
  importing: string | null;
  /** a bundle that could not be restored: file name and the reason */
  importError: { fileName: string; message: string } | null;
  downloading: ExportArtifact | 'scores' | null;
  downloadError: string | null;
  scoring: ScoringProgress | null;
  scored: ScoredDataset | null;
  scoreError: string | null;
  /** what happened to the last scoring when it is not an error (cancelled) */
  scoreNotice: string | null;
  threshold: number;
}

export const initialExportState: ExportSlice = {
  exportRunId: null,
  restored: {},
  importing: null,
  importError: null,
  downloading: null,
  downloadError: null,
  scoring: null,
  scored: null,
  scoreError: null,
  scoreNotice: null,
  threshold: DEFAULT_THRESHOLD,
};

export const createExportSlice: StateCreator<LabState, [], [], ExportSlice> = () => ({
  ...initialExportState,
});
