// `--engine lab|duckdb` for label, features and score: the lab's own engine (default, the page's import and core)
// or embedded DuckDB over the files (cli/duckdb), for exports larger than memory.

import { UsageError, stringFlag, type ParsedArgs } from './args';

export type Engine = 'lab' | 'duckdb';

export function engineOf(args: ParsedArgs): Engine {
  const engine = stringFlag(args, 'engine') ?? 'lab';
  if (engine !== 'lab' && engine !== 'duckdb')
    throw new UsageError(`--engine must be lab or duckdb, got "${engine}"`);
  return engine;
}
