// Data actions as plain functions: they talk to the worker and write the store, so components, tests and the
// worker client can all call them without a hook.

import { isCancelled } from '../worker/protocol/errors';
import { describeError } from '../core/errors';
import { getLabClient, type LabClient } from '../worker/client';
import {
  describeTooBig,
  estimateImportMemory,
  memoryBudget,
  type DuplicateHeader,
  type ImportReport,
  type MemorySignals,
  type SourceSniff,
} from '../core/events';
import {
  changeDraft,
  chooseDuplicateColumn,
  completeMapping,
  draftFromSniff,
  needsMapping,
} from './mappingDraft';
import {
  type DatasetInfo,
  type FileRef,
  type ImportFileRequest,
  type ImportMode,
  type MappingDraft,
} from '../worker/protocol/dataMessages';
import { useLab } from './index';

export const DEMO_USERS = 10_000;
export const DEMO_SEED = 42;

const set = useLab.setState;
const get = useLab.getState;

function afterJob(): Partial<ReturnType<typeof get>> {
  return { dataStatus: get().dataset ? 'ready' : 'idle', progress: null, activeRequestId: null };
}

function showDataset(dataset: DatasetInfo, notice: string | null = null): void {
  set({
    dataset,
    dataStatus: 'ready',
    progress: null,
    activeRequestId: null,
    dataError: null,
    failedReport: null,
    dataNotice: notice,
  });
}

function showFailedImport(report: ImportReport): void {
  const kept = get().dataset ? ' The dataset loaded before is unchanged.' : '';
  set({
    ...afterJob(),
    dataStatus: 'error',
    dataError: `Nothing in these files could be imported.${kept}`,
    failedReport: report,
    dataNotice: null,
  });
}

function showError(error: unknown, cancelled = 'Import cancelled. Nothing was changed.'): void {
  if (isCancelled(error)) {
    set({ ...afterJob(), dataNotice: cancelled, dataError: null });
    return;
  }
  set({
    ...afterJob(),
    dataStatus: 'error',
    dataError: describeError(error),
    failedReport: null,
    dataNotice: null,
  });
}

function toFileRef(file: File): FileRef {
  return { name: file.name, blob: file };
}

/**
 * Dropped or picked files. Onto a loaded dataset of files they wait for the analyst's choice (see chooseDropMode); otherwise
 * they are sniffed, then imported straight away or sent through the mapping step.
 */
export async function addFiles(files: File[], client: LabClient = getLabClient()): Promise<void> {
  if (files.length === 0) return;
  // The demo is synthetic: adding a real export to it makes no sense, so a drop replaces it without asking.
  if (get().dataset?.source === 'files') {
    set({ dropChoice: files, dataError: null, failedReport: null, dataNotice: null });
    return;
  }
  await sniffFiles(files, 'replace', client);
}

/** The answer to "add to the loaded dataset, or replace it?" for the files waiting in `dropChoice`. */
export async function chooseDropMode(mode: ImportMode, client: LabClient = getLabClient()): Promise<void> {
  const files = get().dropChoice;
  if (!files) return;
  await sniffFiles(files, mode, client);
}

export function cancelDropChoice(): void {
  set({ dropChoice: null, dataNotice: 'Nothing was loaded. The dataset is unchanged.' });
}

/**
 * What this browser says about its memory: Chromium's heap limit and device memory; other browsers say nothing and
 * the estimate falls back to a fixed budget.
 */
function readMemorySignals(): MemorySignals {
  const perf = globalThis.performance as
    (Performance & { memory?: { jsHeapSizeLimit?: number } }) | undefined;
  const nav = globalThis.navigator as (Navigator & { deviceMemory?: number }) | undefined;
  return { jsHeapSizeLimit: perf?.memory?.jsHeapSizeLimit, deviceMemory: nav?.deviceMemory };
}

async function sniffFiles(files: File[], mode: ImportMode, client: LabClient): Promise<void> {
  set({
    dropChoice: null,
    importMode: mode,
    dataStatus: 'sniffing',
    fileList: files.map((f) => ({ name: f.name, size: f.size })),
    mapping: null,
    tooBig: null,
    dataError: null,
    failedReport: null,
    dataNotice: null,
  });
  let sniffed: SourceSniff[];
  try {
    sniffed = await client.request('data/sniff', { files: files.map(toFileRef) });
  } catch (error) {
    showError(error);
    return;
  }
  const tooBig = describeTooBig(
    estimateImportMemory(sniffed, mode === 'add' ? (get().dataset?.report.events ?? 0) : 0),
    memoryBudget(readMemorySignals()),
  );
  if (tooBig) {
    // Held before parsing: the estimate can be wrong, so the analyst may still import it anyway.
    set({ ...afterJob(), tooBig: { files, sniffed, message: tooBig } });
    return;
  }
  await continueAfterSniff(files, sniffed, client);
}

/** Files that need a mapping go to the mapping step; otherwise the import starts. */
async function continueAfterSniff(files: File[], sniffed: SourceSniff[], client: LabClient): Promise<void> {
  const drafts: Record<number, MappingDraft> = {};
  sniffed.forEach((file, i) => {
    if (needsMapping(file)) drafts[i] = draftFromSniff(file);
  });
  if (Object.keys(drafts).length > 0) {
    set({ dataStatus: 'mapping', mapping: { files, sniffed, drafts, excluded: [] } });
    return;
  }
  await importFiles(
    files.map((file) => ({ ...toFileRef(file), mapping: null })),
    client,
  );
}

/** The drop estimated too big for the tab, imported all the same (the analyst knows better, or has the memory). */
export async function importTooBigAnyway(client: LabClient = getLabClient()): Promise<void> {
  const held = get().tooBig;
  if (!held) return;
  set({ tooBig: null });
  await continueAfterSniff(held.files, held.sniffed, client);
}

export function dismissTooBig(): void {
  set({ tooBig: null, dataNotice: 'Nothing was imported. The dataset is unchanged.' });
}

export function updateMappingDraft(fileIndex: number, change: Partial<MappingDraft>): void {
  const mapping = get().mapping;
  if (!mapping) return;
  const draft = changeDraft(mapping.drafts[fileIndex], change);
  set({ mapping: { ...mapping, drafts: { ...mapping.drafts, [fileIndex]: draft } } });
}

/** A header named twice: import the column the analyst chose instead of its twin. */
export function chooseDuplicateHeader(fileIndex: number, duplicate: DuplicateHeader, column: number): void {
  const mapping = get().mapping;
  if (!mapping?.drafts[fileIndex]) return;
  const draft = chooseDuplicateColumn(mapping.drafts[fileIndex], duplicate, column);
  set({ mapping: { ...mapping, drafts: { ...mapping.drafts, [fileIndex]: draft } } });
}

/** Leaves one file out of the import (e.g. a file with no time column at all). */
export function excludeFromImport(fileIndex: number): void {
  const mapping = get().mapping;
  if (!mapping) return;
  const excluded = [...mapping.excluded, fileIndex];
  if (excluded.length === mapping.files.length) {
    cancelMapping();
    return;
  }
  const drafts = { ...mapping.drafts };
  delete drafts[fileIndex];
  set({ mapping: { ...mapping, drafts, excluded } });
}

export async function confirmMapping(client: LabClient = getLabClient()): Promise<void> {
  const mapping = get().mapping;
  if (!mapping) return;
  const requests = mapping.files
    .map((file, i) => {
      const draft = mapping.drafts[i];
      return {
        ...toFileRef(file),
        mapping: draft ? completeMapping(draft) : null,
        excluded: mapping.excluded.includes(i),
      };
    })
    .filter((request) => !request.excluded)
    .map(({ excluded: _excluded, ...request }) => request);
  set({ mapping: null });
  await importFiles(requests, client);
}

export function cancelMapping(): void {
  set({ ...afterJob(), mapping: null, dataNotice: 'Import cancelled. Nothing was changed.' });
}

export async function importFiles(
  files: ImportFileRequest[],
  client: LabClient = getLabClient(),
): Promise<void> {
  const totalBytes = files.reduce((sum, f) => sum + f.blob.size, 0);
  const job = client.start(
    get().importMode === 'add' ? 'data/append' : 'data/import',
    { files },
    {
      onEvent: (event) => {
        if (event.kind === 'data/progress') set({ progress: event.payload });
      },
    },
  );
  set({
    dataStatus: 'importing',
    activeRequestId: job.id,
    progress: { bytesRead: 0, bytesDone: 0, totalBytes, file: files[0]?.name ?? '' },
  });
  try {
    const outcome = await job.result;
    if (outcome.dataset) showDataset(outcome.dataset);
    else showFailedImport(outcome.report);
  } catch (error) {
    showError(error);
  }
}

/** Cancel the running import or demo generation. */
export function cancelDataJob(client: LabClient = getLabClient()): void {
  const id = get().activeRequestId;
  if (id !== null) client.cancel(id);
}

export async function loadDemo(client: LabClient = getLabClient()): Promise<void> {
  const job = client.start('data/demo', { users: DEMO_USERS, seed: DEMO_SEED });
  set({
    dataStatus: 'generating',
    activeRequestId: job.id,
    dropChoice: null,
    dataError: null,
    failedReport: null,
    dataNotice: null,
  });
  try {
    const dataset = await job.result;
    // the file list goes only once the demo replaced the dataset: a cancelled demo leaves the files' dataset as it was
    set({ fileList: [] });
    showDataset(dataset);
  } catch (error) {
    const kept = get().dataset ? ' The dataset loaded before is unchanged.' : '';
    showError(error, `Demo generation cancelled.${kept}`);
  }
}

/**
 * On start (and after the worker died): bring back the dataset the worker saved in IndexedDB, if any (the reason
 * shown when it cannot). Says whether one came back.
 */
export async function restoreDataset(client: LabClient = getLabClient()): Promise<boolean> {
  set({ dataStatus: 'restoring' });
  try {
    const dataset = await client.request('data/restore', {});
    if (dataset) {
      showDataset(dataset, 'Restored the dataset saved in this browser.');
      set({ persistence: { state: 'saved', at: dataset.loadedAt } });
      return true;
    }
    set({ dataStatus: 'idle' });
  } catch (error) {
    // storage that cannot be read is no error of the lab's: say so above every screen and work in memory
    set({ dataStatus: 'idle', storageNotice: describeError(error) });
  }
  return false;
}

export async function clearData(client: LabClient = getLabClient()): Promise<void> {
  try {
    await client.request('data/clear', {});
    set({
      dataset: null,
      dataStatus: 'idle',
      fileList: [],
      dropChoice: null,
      dataError: null,
      dataNotice: 'Data cleared from this page and from browser storage.',
      persistence: { state: 'idle' },
      screen: 'data',
    });
  } catch (error) {
    set({ dataError: `Could not clear the saved data: ${describeError(error)}` });
  }
}

/** Routes the worker's background events (persistence) into the store. Returns the unsubscribe function. */
export function connectDataEvents(client: LabClient = getLabClient()): () => void {
  return client.on('data/persistence', (persistence) => set({ persistence }));
}
