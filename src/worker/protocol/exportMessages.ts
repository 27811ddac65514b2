// Export requests and events: model files and bundles of a run as downloads, a dropped bundle restored as a run,
// every user of the dataset scored with a run, and the scores as CSV. Files cross as transferred bytes.

import type { LabelSource } from '../../core/bundle';
import type { BackendName } from '../../core/models';
import type { RunRecord } from '../../core/runs';
import type { FileRef } from './dataMessages';

/** What to download: model.json + weights.bin as two files, both in one zip, or the whole bundle zip. */
export type ExportArtifact = 'model-files' | 'model-zip' | 'bundle';

/** A file built in the worker; its bytes are transferred, the page wraps them in a Blob and saves it. */
export interface DownloadFile {
  name: string;
  /** MIME type */
  type: string;
  bytes: ArrayBuffer;
}

/** How a bundle's feature spec fits the loaded dataset (checkSpecFits), as the page shows it. */
export interface FitReport {
  ok: boolean;
  message: string;
  missingCategories: number;
  presentShare: number;
  /** the dataset is the one the run was trained on (same fingerprint) */
  sameData: boolean;
}

export interface ImportedBundle {
  /** the restored run (its id changes only when a run with that id is already held) */
  record: RunRecord;
  /** null while no dataset is loaded */
  fit: FitReport | null;
  /** ISO timestamp the bundle was exported */
  exportedAt: string;
  tfjsVersion: string;
}

/** One of the top-scored users in the preview. */
export interface TopScore {
  userId: string;
  score: number;
  labelSource: LabelSource;
}

export interface ScoreOutcome {
  runId: string;
  users: number;
  /** one score per dataset user (index order); NaN where the model produced none */
  scores: Float32Array;
  /** LABEL code per user from the run's own rules */
  labels: Uint8Array;
  /** the highest-scored users, best first */
  top: TopScore[];
  fit: FitReport;
  backend: BackendName;
  /** workers that scored (the lab worker included): fewer than asked where the dataset is small */
  workers: number;
  /** a scoring sub-worker failed and the lab worker scored its users (the scores are complete); else null */
  notice: string | null;
  durationMs: number;
}

export interface ExportRequests {
  'export/download': { params: { runId: string; artifact: ExportArtifact }; result: DownloadFile[] };
  /** restores a bundle zip into the run registry; rejects with the BundleError's message for a wrong file */
  'export/import': { params: { file: FileRef }; result: ImportedBundle };
  /**
   * scores every user of the loaded dataset through the bundle path (export → bundle → scoreWithBundle), so a run
   * trained here, a restored bundle and the CLI agree; the scores stay in the worker for the CSV
   */
  'export/score': {
    /** workers: the Train screen's Workers setting, the lab worker included (absent: 1) */
    params: { runId: string; threshold: number; backend: BackendName; workers?: number };
    result: ScoreOutcome;
  };
  /** the scores CSV of the last scoring of this run, tagged at `threshold` */
  'export/scoresCsv': { params: { runId: string; threshold: number }; result: DownloadFile };
}

export interface ExportEvents {
  /** users scored so far */
  'export/progress': { runId: string; done: number; total: number };
}
