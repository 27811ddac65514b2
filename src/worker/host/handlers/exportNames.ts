// File names of the downloads: they say what the file is, which run and which day, e.g. `tag-lab-dual-2-2026-11-29.zip`.
// model.json and weights.bin keep their own names: model.json refers to weights.bin by name, so renaming breaks loading.

import type { RunRecord } from '../../../core/runs';

const MAX_SLUG = 40;

/** A run name as a file-name part: lower case letters, digits and single dashes ("dual #2" → "dual-2"). */
export function slugifyRunName(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    // accents become separate combining marks under NFKD: drop them so "é" reads "e"
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** The UTC date (YYYY-MM-DD) of an ISO timestamp, or of `fallback` when the timestamp is unreadable. */
export function isoDateOf(iso: string, fallback: Date): string {
  const date = new Date(iso);
  return (Number.isNaN(date.getTime()) ? fallback : date).toISOString().slice(0, 10);
}

type NamedRun = Pick<RunRecord, 'name' | 'kind' | 'startedAt'>;

function runStem(run: NamedRun, now: Date): string {
  return `tag-lab-${slugifyRunName(run.name, run.kind)}-${isoDateOf(run.startedAt, now)}`;
}

/** The bundle zip: dated by the day the run was trained. */
export function bundleFileName(run: NamedRun, now = new Date()): string {
  return `${runStem(run, now)}.zip`;
}

/** The zip of the TF.js model files only. */
export function modelZipFileName(run: NamedRun, now = new Date()): string {
  return `${runStem(run, now)}-model.zip`;
}

/** The scores CSV: dated by the day it was scored (scores depend on the data of that day, not the training day). */
export function scoresFileName(run: NamedRun, scoredAt: Date): string {
  return `tag-lab-${slugifyRunName(run.name, run.kind)}-scores-${scoredAt.toISOString().slice(0, 10)}.csv`;
}
