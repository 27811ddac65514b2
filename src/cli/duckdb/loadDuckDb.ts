// Loads DuckDB only when `--engine duckdb` asks for it: the package is a native dev dependency that the browser
// bundle must never include, and the lab's own engine needs none of it.

import type * as DuckDb from '@duckdb/node-api';
import { InputError } from '../args';

export type DuckDbModule = typeof DuckDb;

export const DUCKDB_PACKAGE = '@duckdb/node-api';

/** What to tell a user whose install lacks the package (or its native binary for this platform). */
export function missingDuckDbError(cause: unknown): InputError {
  const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new InputError(
    `--engine duckdb needs the ${DUCKDB_PACKAGE} package, which could not be loaded (${why}). ` +
      `Install it with "npm install --save-dev ${DUCKDB_PACKAGE}", or leave out --engine to use the lab's engine.`,
  );
}

export async function loadDuckDb(
  load: () => Promise<DuckDbModule> = () => import('@duckdb/node-api'),
): Promise<DuckDbModule> {
  try {
    return await load();
  } catch (e) {
    throw missingDuckDbError(e);
  }
}
