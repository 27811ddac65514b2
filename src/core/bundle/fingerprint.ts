// A short, deterministic fingerprint of a dataset (users, events, date range, a hash over a sample of the arrays),
// stored with every run and bundle so a score can be traced to the data the model was trained on.

import type { EventStore } from '../events/types';
import { isoFromDay } from '../time';

const SAMPLED_EVENTS = 4096;
const SAMPLED_USERS = 256;

const scratch = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);

/** FNV-1a, 32 bits: fast and plenty for telling datasets apart (not a security hash). */
class Fnv1a {
  private h = 0x811c9dc5;
  addNumber(v: number): void {
    // The 8 bytes of the float64: exact for day numbers, counts and codes alike.
    scratch[0] = v;
    for (let i = 0; i < 8; i++) this.addByte(scratchBytes[i]);
  }
  addString(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.addByte(c & 0xff);
      this.addByte(c >>> 8);
    }
    this.addByte(0);
  }
  private addByte(b: number): void {
    this.h = Math.imul(this.h ^ b, 0x01000193) >>> 0;
  }
  hex(): string {
    return this.h.toString(16).padStart(8, '0');
  }
}

/** Evenly spaced indices over [0, n), at most `max` of them. */
function sampleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * n) / max));
}

/** e.g. "1000u-52340e-2023-01-01..2024-06-30-a1b2c3d4". */
export function fingerprintData(store: EventStore): string {
  const hash = new Fnv1a();
  const users = store.userIds.length;
  const events = store.day.length;
  for (const u of sampleIndices(users, SAMPLED_USERS)) {
    hash.addString(store.userIds[u]);
    hash.addNumber(store.userStart[u + 1] - store.userStart[u]);
  }
  for (const i of sampleIndices(events, SAMPLED_EVENTS)) {
    hash.addString(store.categoryIds[store.category[i]]);
    hash.addNumber(store.day[i]);
    hash.addNumber(store.action[i]);
    hash.addNumber(store.count[i]);
  }
  const range = events === 0 ? 'no-events' : `${isoFromDay(store.minDay)}..${isoFromDay(store.maxDay)}`;
  return `${users}u-${events}e-${range}-${hash.hex()}`;
}
