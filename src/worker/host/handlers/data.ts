// Data handlers: sniff dropped files, import them, generate the demo dataset, restore and clear the saved one.
// The dataset stays in the worker state; the page gets the report and a small summary.

import {
  appendToDataset,
  importDataset,
  isAbortError,
  sniffSource,
  sourceFromBlob,
  summariseStore,
} from '../../../core/events';
import type {
  ImportFileSpec,
  ImportOptions,
  ImportProgress,
  ImportReport,
  ImportResult,
  EventStore,
  TruthTable,
} from '../../../core/events';
import { generateDemo } from '../../../core/synthetic';
import type { DatasetInfo, DatasetSize, ImportFileRequest, ImportOutcome } from '../../protocol/dataMessages';
import { deleteDataset, loadDataset, saveDataset } from '../../storage/datasetStorage';
import { reportFromStore } from '../demoReport';
import { makeAbortError } from '../../protocol/errors';
import { describeRestoreError, describeStorageError } from '../../storage/idb';
import type { LoadedDataset, WorkerState } from '../state';
import type { Handler, HandlerContext } from './types';

/** Progress events at most this often: enough for a smooth bar, few enough not to flood the page. */
const PROGRESS_INTERVAL_MS = 80;

function throttledProgress(ctx: HandlerContext): (p: ImportProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS && p.bytesDone < p.totalBytes) return;
    last = now;
    ctx.emit('data/progress', p);
  };
}

function describeDataset(
  source: DatasetInfo['source'],
  store: EventStore,
  truth: TruthTable | null,
  report: ImportReport,
): LoadedDataset {
  const info: DatasetInfo = {
    source,
    report,
    summary: summariseStore(store),
    loadedAt: new Date().toISOString(),
  };
  const names = namesInReport(store, report);
  if (names) info.reportNames = names;
  return { store, truth, info };
}

/** The names of the categories the report's duplicate examples name by id (a handful, so a scan is enough). */
function namesInReport(store: EventStore, report: ImportReport): Record<string, string> | null {
  const ids = new Set(report.duplicates?.examples.map((e) => e.category) ?? []);
  if (ids.size === 0) return null;
  const names: Record<string, string> = {};
  store.categoryIds.forEach((id, c) => {
    if (ids.has(id) && store.categoryNames[c] !== id) names[id] = store.categoryNames[c];
  });
  return names;
}

let saving: Promise<void> = Promise.resolve();

/** Saves in the background, one save at a time, skipping a dataset that has already been replaced. */
function persistInBackground(state: WorkerState, dataset: LoadedDataset): void {
  saving = saving.then(async () => {
    if (state.dataset !== dataset) return;
    state.broadcast('data/persistence', { state: 'saving' });
    try {
      await saveDataset(dataset);
      if (state.dataset === dataset)
        state.broadcast('data/persistence', { state: 'saved', at: dataset.info.loadedAt });
    } catch (error) {
      state.broadcast('data/persistence', { state: 'failed', message: describeStorageError(error) });
    }
  });
}

function adopt(state: WorkerState, dataset: LoadedDataset): DatasetInfo {
  state.dataset = dataset;
  persistInBackground(state, dataset);
  return dataset.info;
}

const sniff: Handler<'data/sniff'> = async ({ files }) =>
  Promise.all(files.map((f) => sniffSource(sourceFromBlob(f.blob, f.name))));

function toSpecs(files: ImportFileRequest[]): ImportFileSpec[] {
  return files.map(({ name, blob, mapping }) => ({
    source: sourceFromBlob(blob, name),
    mapping: mapping ?? undefined,
  }));
}

/** Runs one import (fresh or added) and adopts its dataset; `addedTo` is the size of the dataset added to. */
async function runImport(
  ctx: HandlerContext,
  importWith: (options: ImportOptions) => Promise<ImportResult>,
  addedTo?: DatasetSize,
): Promise<ImportOutcome> {
  try {
    const { dataset, report } = await importWith({ signal: ctx.signal, onProgress: throttledProgress(ctx) });
    if (!dataset) return { dataset: null, report };
    const loaded = describeDataset('files', dataset.store, dataset.truth, report);
    if (addedTo) loaded.info.addedTo = addedTo;
    return { dataset: adopt(ctx.state, loaded), report };
  } catch (error) {
    throw isAbortError(error) ? makeAbortError('Import cancelled') : error;
  }
}

const importFiles: Handler<'data/import'> = async ({ files }, ctx) =>
  runImport(ctx, (options) => importDataset(toSpecs(files), options));

/** The loaded dataset's size and files, for the report of what an added import brought. */
function sizeOf(info: DatasetInfo): DatasetSize {
  const { report } = info;
  return {
    events: report.events,
    users: report.users,
    categories: report.categories,
    files: [...(info.addedTo?.files ?? []), ...report.files.filter((f) => !f.error).map((f) => f.name)],
  };
}

const appendFiles: Handler<'data/append'> = async ({ files }, ctx) => {
  const loaded = ctx.state.dataset;
  if (!loaded) return importFiles({ files }, ctx);
  return runImport(ctx, (options) => appendToDataset(loaded, toSpecs(files), options), sizeOf(loaded.info));
};

const loadDemo: Handler<'data/demo'> = async ({ users, seed }, ctx) => {
  const world = generateDemo({ users, seed });
  if (ctx.signal.aborted) throw makeAbortError('Demo generation cancelled');
  const report = reportFromStore(world.store, world.truth);
  return adopt(ctx.state, describeDataset('demo', world.store, world.truth, report));
};

/** A dataset saved in this browser; when IndexedDB cannot be read, the reason in words (the page keeps working). */
const restore: Handler<'data/restore'> = async (_params, ctx) => {
  let saved: LoadedDataset | null;
  try {
    saved = await loadDataset();
  } catch (error) {
    throw new Error(describeRestoreError(error), { cause: error });
  }
  if (!saved) return null;
  ctx.state.dataset = saved;
  return saved.info;
};

const clear: Handler<'data/clear'> = async (_params, ctx) => {
  ctx.state.dataset = null;
  await deleteDataset();
  return null;
};

export const dataHandlers = {
  'data/sniff': sniff,
  'data/import': importFiles,
  'data/append': appendFiles,
  'data/demo': loadDemo,
  'data/restore': restore,
  'data/clear': clear,
};
