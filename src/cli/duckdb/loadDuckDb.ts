// Loads DuckDB only when `--engine duckdb` asks for it: the package is a native dev dependency that the browser
// bundle must never include, and the lab's own engine needs none of it.

import type * as DuckDb from '@duckdb/node-api';
import { InputError } from '../args';

export type DuckDbModule = typeof DuckDb;

export const DUCKDB_PACKAGE = '@duckdb/node-api';

export async function loadDuckDb(): Promise<DuckDbModule> {
  try {
    return await import('@duckdb/node-api');
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new InputError(
      `--engine duckdb needs the ${DUCKDB_PACKAGE} package, which could not be loaded (${why}). ` +
        `Install it with "npm install --save-dev ${DUCKDB_PACKAGE}", or leave out --engine to use the lab's engine.`,
    );
  }
}
