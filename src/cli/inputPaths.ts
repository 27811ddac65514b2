// FILE arguments as an analyst types them: files, folders (every data file inside, sorted, so month files come in
// order) and globs ("exports/2019-*.csv.gz", "data/**/*.parquet"), expanded here because no shell does it on Windows.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportFileSpec } from '../core/events';
import { InputError } from './args';
import { sourceFromPath } from './nodeSource';

const DATA_FILE = /\.(csv|tsv|txt|psv)(\.gz)?$|\.parquet$/i;
const GLOB_CHARS = /[*?[]/;

/** A glob segment as a regular expression: * and ? within one folder, [abc] as written. */
function segmentPattern(segment: string): RegExp {
  const escaped = segment
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}

function listDirectory(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => join(dir, name));
}

/** Every path under `base` matching the remaining glob segments ("**" spans any number of folders). */
function matchGlob(base: string, segments: readonly string[]): string[] {
  if (segments.length === 0) return [base];
  const [head, ...rest] = segments;
  if (!existsSync(base) || !statSync(base).isDirectory()) return [];
  if (head === '**')
    return [
      ...matchGlob(base, rest),
      ...listDirectory(base)
        .filter((p) => statSync(p).isDirectory())
        .flatMap((p) => matchGlob(p, segments)),
    ];
  if (!GLOB_CHARS.test(head)) return matchGlob(join(base, head), rest);
  const pattern = segmentPattern(head);
  return listDirectory(base)
    .filter((p) => pattern.test(p.slice(p.lastIndexOf('/') + 1)))
    .flatMap((p) => matchGlob(p, rest));
}

function expandGlob(glob: string): string[] {
  const absolute = glob.startsWith('/');
  const segments = glob.split('/').filter((s, i) => s !== '' || i === 0);
  const base = absolute ? '/' : '.';
  const rest = absolute ? segments.slice(1) : segments;
  return matchGlob(base, rest)
    .filter((p) => statSync(p).isFile())
    .map((p) => (absolute ? p : p.replace(/^\.\//, '')));
}

/** The files named by FILE arguments, in order, each once; an argument that names nothing is an InputError. */
export function expandInputPaths(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (existsSync(arg) && statSync(arg).isDirectory()) {
      const files = listDirectory(arg).filter((p) => statSync(p).isFile() && DATA_FILE.test(p));
      if (files.length === 0)
        throw new InputError(`${arg}: the folder holds no .csv, .csv.gz or .parquet files`);
      out.push(...files);
    } else if (existsSync(arg)) out.push(arg);
    else if (GLOB_CHARS.test(arg)) {
      const files = expandGlob(arg);
      if (files.length === 0) throw new InputError(`${arg}: no file matches this pattern`);
      out.push(...files);
    } else throw new InputError(`${arg}: no such file`);
  }
  return [...new Set(out)];
}

/** Import specs for FILE arguments (files, folders, globs). */
export function importSpecsFromArgs(args: readonly string[]): ImportFileSpec[] {
  return expandInputPaths(args).map((p) => ({ source: sourceFromPath(p) }));
}
