// The Data screen's state: what is loaded (a small summary: the dataset itself lives in the worker), what is
// happening (sniffing, mapping, importing, generating, restoring), progress, errors and persistence.

import type { StateCreator } from 'zustand';
import type { ImportProgress, ImportReport, SourceSniff } from '../core/events';
import type {
  DatasetInfo,
  ImportMode,
  MappingDraft,
  PersistenceStatus,
} from '../worker/protocol/dataMessages';
import type { LabState } from './index';

export type DataStatus =
  'idle' | 'restoring' | 'sniffing' | 'mapping' | 'importing' | 'generating' | 'ready' | 'error';

/** The mapping step: the files waiting to import, what sniffing found, and the mapping chosen per file. */
export interface MappingStep {
  files: File[];
  sniffed: SourceSniff[];
  /** fileIndex → mapping, for the files that need one */
  drafts: Record<number, MappingDraft>;
  /** indices of files the analyst chose to leave out */
  excluded: number[];
}

export interface DataSlice {
  dataStatus: DataStatus;
  /** the loaded dataset's report and summary; kept while a new import runs or fails */
  dataset: DatasetInfo | null;
  /** names and sizes of the files of the current (or last attempted) import */
  fileList: { name: string; size: number }[];
  mapping: MappingStep | null;
  /** files dropped onto a loaded dataset, waiting for the analyst to choose: add to it, or replace it */
  dropChoice: File[] | null;
  /** what the current (or last) import does with the loaded dataset */
  importMode: ImportMode;
  progress: ImportProgress | null;
  /** id of the worker request that Cancel stops */
  activeRequestId: number | null;
  dataError: string | null;
  /** the report of an import that found nothing usable (the page lists each file's problem) */
  failedReport: ImportReport | null;
  /** a short line after a cancelled import, a restore and so on */
  dataNotice: string | null;
  /** a drop estimated too big for the tab, held before parsing until the analyst imports it anyway or drops it */
  tooBig: { files: File[]; sniffed: SourceSniff[]; message: string } | null;
  persistence: PersistenceStatus;
}

export const initialDataState: DataSlice = {
  dataStatus: 'idle',
  dataset: null,
  fileList: [],
  mapping: null,
  dropChoice: null,
  importMode: 'replace',
  progress: null,
  activeRequestId: null,
  dataError: null,
  failedReport: null,
  dataNotice: null,
  tooBig: null,
  persistence: { state: 'idle' },
};

export const createDataSlice: StateCreator<LabState, [], [], DataSlice> = () => ({ ...initialDataState });

/** True while a job runs that a second drop must not interrupt. */
export function isDataBusy(status: DataStatus): boolean {
  return status === 'restoring' || status === 'sniffing' || status === 'importing' || status === 'generating';
}
