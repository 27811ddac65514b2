// Imports the CSV files named on the command line through the same core as the page, failing with the report's
// own messages when nothing is usable.

import { existsSync, statSync } from 'node:fs';
import { importDataset } from '../core/events';
import type { ImportFileSpec, ImportResult, EventStore, TruthTable } from '../core/events';
import { InputError } from './args';
import { sourceFromPath } from './nodeSource';

export interface LoadedData {
  store: EventStore;
  truth: TruthTable | null;
  result: ImportResult;
}

export async function loadFiles(paths: string[], truthPath?: string): Promise<LoadedData> {
  for (const p of truthPath ? [...paths, truthPath] : paths) {
    if (!existsSync(p)) throw new InputError(`${p}: no such file`);
    if (!statSync(p).isFile()) throw new InputError(`${p}: not a file`);
  }
  const files: ImportFileSpec[] = paths.map((p) => ({ source: sourceFromPath(p) }));
  if (truthPath) files.push({ source: sourceFromPath(truthPath), role: 'truth' });
  const result = await importDataset(files);
  const errors = result.report.files.filter((f) => f.error).map((f) => f.error);
  if (!result.dataset || result.dataset.store.userIds.length === 0)
    throw new InputError(`Nothing usable to import. ${errors.join(' ')}`.trim());
  for (const e of errors) process.stderr.write(`Warning: ${e}\n`);
  if (truthPath && !result.dataset.truth)
    throw new InputError(`${truthPath}: not a usable truth file (user_id,label[,stage]).`);
  return { store: result.dataset.store, truth: result.dataset.truth, result };
}
