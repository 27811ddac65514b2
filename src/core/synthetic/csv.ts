// CSV files of the demo world in the data contract's formats: events (streamed in chunks, never one giant string),
// the category dictionary and the truth file.

import Papa from 'papaparse';
import { ACTIONS } from '../events/types';
import { isoFromDay } from '../time';
import type { DemoWorld } from './generate';

export const DEMO_EVENTS_HEADER = 'user_id,category_id,time,action,count';
export const DEMO_CATEGORIES_HEADER = 'category_id,name';
export const DEMO_TRUTH_HEADER = 'user_id,label,stage';

const CHUNK_CHARS = 1 << 16;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const DAY_START_S = 8 * 3600;
const DAY_SPAN_S = 14 * 3600;

/** Quotes a field when it holds a delimiter, a quote or a line break (Papa's RFC 4180 quoting). */
export function quoteCsvField(value: string): string {
  return Papa.unparse([[value]], { newline: '\n' });
}

function formatClock(seconds: number): string {
  const s = Math.min(86_399, Math.max(0, seconds));
  return `${TWO_DIGITS[Math.floor(s / 3600)]}:${TWO_DIGITS[Math.floor(s / 60) % 60]}:${TWO_DIGITS[s % 60]}`;
}

/**
 * Seconds into the day for the j-th of k events a user has that day: spread over 08:00–22:00 in order, with a
 * deterministic jitter, so times rise within a user's day and the file needs no randomness of its own.
 */
function secondOfDay(eventIndex: number, j: number, k: number): number {
  const jitter = (Math.imul(eventIndex + 1, 2654435761) >>> 0) % 600;
  return DAY_START_S + Math.floor(((j + 0.5) * DAY_SPAN_S) / k) + jitter - 300;
}

/** Streams the events file to `write` in chunks of about 64 KB, users in order, each user's events by time. */
export function writeDemoEventsCsv(world: DemoWorld, write: (chunk: string) => void): void {
  const s = world.store;
  const dates = new Map<number, string>();
  const dateOf = (day: number): string => {
    let d = dates.get(day);
    if (d === undefined) dates.set(day, (d = isoFromDay(day)));
    return d;
  };
  let buffer = `${DEMO_EVENTS_HEADER}\n`;
  for (let u = 0; u < s.userIds.length; u++) {
    const user = s.userIds[u];
    const end = s.userStart[u + 1];
    for (let runStart = s.userStart[u]; runStart < end;) {
      let runEnd = runStart + 1;
      while (runEnd < end && s.day[runEnd] === s.day[runStart]) runEnd++;
      const date = dateOf(s.day[runStart]);
      for (let i = runStart; i < runEnd; i++) {
        const time = formatClock(secondOfDay(i, i - runStart, runEnd - runStart));
        buffer += `${user},${s.categoryIds[s.category[i]]},${date} ${time},${ACTIONS[s.action[i]]},${s.count[i]}\n`;
      }
      if (buffer.length >= CHUNK_CHARS) {
        write(buffer);
        buffer = '';
      }
      runStart = runEnd;
    }
  }
  if (buffer.length > 0) write(buffer);
}

/** The category dictionary: every catalogue category, id and display name. */
export function demoCategoriesCsv(world: DemoWorld): string {
  const rows = world.categories.map((c) => `${quoteCsvField(c.id)},${quoteCsvField(c.name)}`);
  return `${DEMO_CATEGORIES_HEADER}\n${rows.join('\n')}\n`;
}

/** The truth file: every user with label 1 when currently pregnant at the as-of date, and the life stage. */
export function demoTruthCsv(world: DemoWorld): string {
  const t = world.truth;
  const rows = t.userIds.map((id, u) => `${quoteCsvField(id)},${t.labels[u]},${t.stages?.[u] ?? ''}`);
  return `${DEMO_TRUTH_HEADER}\n${rows.join('\n')}\n`;
}
