// Export handlers: a run's model files and bundle built as downloads, and a dropped bundle zip restored as a run in
// the registry (settings, metrics, weights), with a check of how its feature spec fits the loaded dataset.

import {
  buildBundleZip,
  buildModelFilesZip,
  checkSpecFits,
  exportModelArtifacts,
  fingerprintData,
  loadModelFromArtifacts,
  MODEL_JSON,
  readBundleZip,
  validationForBundle,
  validationFromBundle,
  WEIGHTS_BIN,
  type BundleManifest,
  type BundleValidation,
} from '../../../core/bundle';
import type { EventStore } from '../../../core/events';
import type { RunRecord } from '../../../core/runs';
import { activeBackend, ensureBackend } from '../backend';
import type { DownloadFile, ExportArtifact, FitReport } from '../../protocol/exportMessages';
import type { RegisteredRun } from '../runRegistry';
import { createRunPersister, ensureRegisteredRun } from '../runStoragePersist';
import type { WorkerState } from '../state';
import { bundleFileName, modelZipFileName } from './exportNames';
import type { Handler } from './types';

export const MIME = {
  zip: 'application/zip',
  json: 'application/json',
  binary: 'application/octet-stream',
  csv: 'text/csv',
} as const;

/** The bytes of a view as an ArrayBuffer of their own, ready to transfer. */
export function ownBuffer(view: Uint8Array): ArrayBuffer {
  const whole = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
  return (whole ? view.buffer : view.slice().buffer) as ArrayBuffer;
}

/** The run with its model: held in this page, or loaded back from the runs saved in this browser. */
export async function requireRun(state: WorkerState, runId: string): Promise<RegisteredRun> {
  const run = await ensureRegisteredRun(state, runId);
  if (!run) {
    throw new Error(
      'This run has no trained model in this page any more (it failed, was deleted, or the page was reloaded). ' +
        'Train it again, or drop its bundle zip here to restore it.',
    );
  }
  return run;
}

/** A backend must run before TF.js builds or reads a model: keep the one running, else start one and say so. */
export async function ensureSomeBackend(state: WorkerState, preferred: RunRecord['backend']) {
  const running = activeBackend();
  if (running) return running;
  const { info } = await ensureBackend(preferred);
  state.broadcast('train/backend', info);
  return info;
}

export function describeFit(
  manifest: Pick<BundleManifest, 'featureSpec' | 'dataFingerprint'>,
  store: EventStore,
): FitReport {
  const fit = checkSpecFits(manifest.featureSpec, store);
  return {
    ok: fit.ok,
    message: fit.message,
    missingCategories: fit.missingCategories.length,
    presentShare: fit.presentShare,
    sameData: fingerprintData(store) === manifest.dataFingerprint,
  };
}

function download(name: string, type: string, bytes: Uint8Array): DownloadFile {
  return { name, type, bytes: ownBuffer(bytes) };
}

/**
 * The run's validation users by id, when the loaded dataset is the one the run was trained on (its store indices
 * name those users); otherwise none, and the bundle restores with its recorded metrics only.
 */
function bundleValidation(state: WorkerState, run: RegisteredRun): BundleValidation | undefined {
  const store = state.dataset?.store;
  if (!store || run.validation.users.length === 0) return undefined;
  if (fingerprintData(store) !== run.record.dataFingerprint) return undefined;
  return validationForBundle(run.validation, store.userIds);
}

const buildDownloads: Handler<'export/download'> = async ({ runId, artifact }, ctx) => {
  const run = await requireRun(ctx.state, runId);
  const { record, model } = run;
  const { modelJson, weights } = await exportModelArtifacts(model);
  const files: Record<ExportArtifact, () => DownloadFile[]> = {
    'model-files': () => [
      download(MODEL_JSON, MIME.json, new TextEncoder().encode(modelJson)),
      download(WEIGHTS_BIN, MIME.binary, weights),
    ],
    'model-zip': () => [download(modelZipFileName(record), MIME.zip, buildModelFilesZip(modelJson, weights))],
    bundle: () => [
      download(
        bundleFileName(record),
        MIME.zip,
        buildBundleZip({ run: record, modelJson, weights, validation: bundleValidation(ctx.state, run) }),
      ),
    ],
  };
  const result = files[artifact]();
  ctx.transfer.push(...result.map((f) => f.bytes));
  return result;
};

/**
 * The run id to restore under: its own, unless a run with that id is held or saved in this browser (the same bundle
 * dropped twice, or the run it came from is still here): then a new id, so nothing held is replaced.
 */
async function chooseRestoredIdentity(
  state: WorkerState,
  run: RunRecord,
): Promise<Pick<RunRecord, 'id' | 'name'>> {
  const taken = async (id: string) => (await ensureRegisteredRun(state, id)) !== undefined;
  if (!(await taken(run.id))) return { id: run.id, name: run.name };
  let n = 2;
  while (await taken(`${run.id}-restored-${n}`)) n++;
  return { id: `${run.id}-restored-${n}`, name: `${run.name} (restored ${n})` };
}

const importBundle: Handler<'export/import'> = async ({ file }, ctx) => {
  const bundle = readBundleZip(new Uint8Array(await file.blob.arrayBuffer()));
  const { manifest } = bundle;
  await ensureSomeBackend(ctx.state, manifest.backend);
  const model = await loadModelFromArtifacts(bundle.modelJson, bundle.weights);
  const record: RunRecord = { ...manifest.run, ...(await chooseRestoredIdentity(ctx.state, manifest.run)) };
  // The bundle's validation users (by id) become this page's store indices, so the restored run compares like any
  // other; a bundle from before they were kept restores with none (its recorded metrics only). Saved in this
  // browser like a trained run, so a reload keeps it.
  const kept = manifest.validation
    ? validationFromBundle(manifest.validation, ctx.state.dataset?.store.userIds ?? null)
    : { users: new Int32Array(0), labels: new Float32Array(0), scores: new Float32Array(0) };
  ctx.state.runs.set({ record, model, validation: kept });
  await createRunPersister(ctx.state, record, { users: kept.users, labels: kept.labels }).saveFinished(
    record,
    model,
    kept.scores,
  );
  const dataset = ctx.state.dataset;
  return {
    record,
    fit: dataset ? describeFit(manifest, dataset.store) : null,
    exportedAt: manifest.createdAt,
    tfjsVersion: manifest.tfjsVersion,
  };
};

export const exportHandlers = {
  'export/download': buildDownloads,
  'export/import': importBundle,
};
