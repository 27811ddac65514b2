// Imports the CSV files named on the command line through the same core as the page, failing with the report's
// own messages when nothing is usable.

import { existsSync, statSync } from 'node:fs';
import { importDataset } from '../core/events';
import type { ImportFileSpec, ImportResult, EventStore, TruthTable } from '../core/events';
import { InputError } from './args';
import { sourceFromPath } from './nodeSource';
import { importSpecsFromArgs } from './inputPaths';

export interface LoadedData {
  store: EventStore;
  truth: TruthTable | null;
  result: ImportResult;
}

export async function loadFiles(paths: string[], truthPath?: string): Promise<LoadedData> {
  if (truthPath && (!existsSync(truthPath) || !statSync(truthPath).isFile()))
    throw new InputError(`${truthPath}: no such file`);
  const files: ImportFileSpec[] = importSpecsFromArgs(paths);
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
