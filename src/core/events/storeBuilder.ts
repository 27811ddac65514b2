// Appends events one at a time into growable typed arrays, then groups them by user into an EventStore.
// Used by the CSV import and by the demo generator, so both produce exactly the same layout.

import type { EventStore } from './types';
import { CategoryNameTally, type ResolvedCategoryNames } from './categoryNameTally';
import { findCrossFileDuplicates } from './crossFileDuplicates';
import { StringInterner } from './interner';

/** Events dropped by finish() because another file held the same event. */
export interface DroppedDuplicates {
  count: number;
  /** the first few, as user id, category id, UTC day and the file whose copy was dropped */
  examples: { user: string; category: string; day: number; file: string }[];
}

const MAX_DUPLICATE_EXAMPLES = 5;

class GrowableArray<T extends Uint32Array | Int32Array | Uint8Array | Float32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(Math.max(1024, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  append(src: T, n: number): void {
    if (this.length + n > this.data.length) {
      const bigger = this.make(Math.max(1024, this.data.length * 2, this.length + n));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data.set(src.subarray(0, n), this.length);
    this.length += n;
  }
}

/** Parallel arrays of events for EventStoreBuilder.appendIndexed. */
export interface IndexedEvents {
  user: Uint32Array<ArrayBuffer>;
  category: Uint32Array<ArrayBuffer>;
  day: Int32Array<ArrayBuffer>;
  action: Uint8Array<ArrayBuffer>;
  count: Float32Array<ArrayBuffer>;
}

export class EventStoreBuilder {
  private readonly userIds: string[] = [];
  private readonly categoryIds: string[] = [];
  /**
   * id → index for users and categories, shared by every file of the import (one lookup per row, and files join
   * on the same ids); the importers call indexOf directly.
   */
  readonly users = new StringInterner((id) => this.userIds.push(id) - 1);
  readonly categories = new StringInterner((id) => this.categoryIds.push(id) - 1);
  private readonly names = new Map<string, string>();
  /** names written beside the ids in event files; a dictionary file's names win over them */
  readonly eventNames = new CategoryNameTally();
  private resolvedEventNames: ResolvedCategoryNames | null = null;
  /** event index where each source (file, or the dataset already loaded) begins */
  private readonly sourceStarts: number[] = [];
  private readonly sourceNames: string[] = [];
  /** false keeps events that another file also holds */
  dropDuplicates = true;
  /** what finish() dropped; null before finish() or when there was only one source */
  duplicates: DroppedDuplicates | null = null;
  private readonly user = new GrowableArray(new Uint32Array(1024), (n) => new Uint32Array(n));
  private readonly category = new GrowableArray(new Uint32Array(1024), (n) => new Uint32Array(n));
  private readonly day = new GrowableArray(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly action = new GrowableArray(new Uint8Array(1024), (n) => new Uint8Array(n));
  private readonly count = new GrowableArray(new Float32Array(1024), (n) => new Float32Array(n));

  get size(): number {
    return this.user.length;
  }

  /** Display name for a category id (from a category dictionary). */
  setCategoryName(categoryId: string, name: string): void {
    this.names.set(categoryId, name);
  }

  /** Decides the names found in the event files (once; finish() uses the same result). */
  resolveEventNames(): ResolvedCategoryNames {
    this.resolvedEventNames ??= this.eventNames.resolve(this.categoryIds);
    return this.resolvedEventNames;
  }

  /** Marks where the events of the next file begin, so the same event in two files can be told from a repeat. */
  startSource(name: string): void {
    this.sourceStarts.push(this.user.length);
    this.sourceNames.push(name);
  }

  /** Registers a category even when no event uses it yet (keeps the generator's catalogue order stable). */
  addCategory(categoryId: string): number {
    return this.categories.indexOf(categoryId);
  }

  addUser(userId: string): number {
    return this.users.indexOf(userId);
  }

  push(userId: string, categoryId: string, day: number, actionCode: number, count: number): void {
    this.user.push(this.addUser(userId));
    this.category.push(this.addCategory(categoryId));
    this.day.push(day);
    this.action.push(actionCode);
    this.count.push(count);
  }

  /**
   * Appends the first n events of parallel arrays (user and category indices from addUser/addCategory). The CSV
   * import fills such arrays per parsed batch: one copy per batch instead of five polymorphic pushes per row.
   */
  appendIndexed(batch: IndexedEvents, n: number): void {
    this.user.append(batch.user, n);
    this.category.append(batch.category, n);
    this.day.append(batch.day, n);
    this.action.append(batch.action, n);
    this.count.append(batch.count, n);
  }

  /** Source of each event index; only built when there is more than one source. */
  private sourceOfEvents(): Uint16Array {
    const sourceOf = new Uint16Array(this.user.length);
    const starts = this.sourceStarts;
    for (let k = 0; k < starts.length; k++) {
      const end = k + 1 < starts.length ? starts[k + 1] : this.user.length;
      sourceOf.fill(Math.min(k, 0xffff), starts[k], end);
    }
    return sourceOf;
  }

  /** Counts cross-file duplicates and (unless kept) drops them from `order` in place, fixing userStart; returns how many events remain. */
  private dropCrossFileDuplicates(order: Uint32Array, userStart: Uint32Array): number {
    const n = order.length;
    if (this.sourceStarts.length < 2) return n;
    const sourceOf = this.sourceOfEvents();
    const data = { day: this.day.data, category: this.category.data, action: this.action.data };
    const dropped = findCrossFileDuplicates({ order, userStart, ...data, count: this.count.data, sourceOf });
    this.duplicates = {
      count: dropped.length,
      examples: dropped.slice(0, MAX_DUPLICATE_EXAMPLES).map((j) => {
        const i = order[j];
        const user = this.userIds[this.user.data[i]];
        const category = this.categoryIds[data.category[i]];
        return { user, category, day: data.day[i], file: this.sourceNames[sourceOf[i]] };
      }),
    };
    if (dropped.length === 0 || !this.dropDuplicates) return n;
    let w = 0;
    let k = 0;
    let start = 0;
    for (let u = 0; u + 1 < userStart.length; u++) {
      const end = userStart[u + 1];
      for (let j = start; j < end; j++) {
        if (k < dropped.length && dropped[k] === j) k++;
        else order[w++] = order[j];
      }
      start = end;
      userStart[u + 1] = w;
    }
    return w;
  }

  private displayNames(): string[] {
    const fromEvents = this.resolveEventNames().names;
    return this.categoryIds.map((id, c) => this.names.get(id) ?? fromEvents.get(c) ?? id);
  }

  /** Groups events by user (counting sort, stable), sorts each user's events by day, and returns the store. */
  finish(): EventStore {
    const n = this.user.length;
    const users = this.userIds.length;
    const userStart = new Uint32Array(users + 1);
    const user = this.user.data;
    for (let i = 0; i < n; i++) userStart[user[i] + 1]++;
    for (let u = 0; u < users; u++) userStart[u + 1] += userStart[u];
    const next = userStart.slice(0, users);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[next[user[i]]++] = i;
    const day = this.day.data;
    for (let u = 0; u < users; u++) sortSegmentByDay(order, userStart[u], userStart[u + 1], day);
    const kept = this.dropCrossFileDuplicates(order, userStart);

    const out = {
      category: new Uint32Array(kept),
      day: new Int32Array(kept),
      action: new Uint8Array(kept),
      count: new Float32Array(kept),
    };
    let minDay = kept ? Infinity : -1;
    let maxDay = kept ? -Infinity : -1;
    for (let j = 0; j < kept; j++) {
      const i = order[j];
      out.category[j] = this.category.data[i];
      const d = day[i];
      out.day[j] = d;
      if (d < minDay) minDay = d;
      if (d > maxDay) maxDay = d;
      out.action[j] = this.action.data[i];
      out.count[j] = this.count.data[i];
    }
    return {
      userIds: this.userIds,
      categoryIds: this.categoryIds,
      categoryNames: this.displayNames(),
      userStart,
      ...out,
      minDay,
      maxDay,
    };
  }
}

/**
 * A copy of a string that does not keep its parent alive: ids cut out of a parsed 1 MB chunk would otherwise pin
 * the whole chunk in memory for as long as the dictionaries hold them (V8 slices strings of 13+ characters).
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function sortSegmentByDay(order: Uint32Array, start: number, end: number, day: Int32Array): void {
  if (end - start > 32) {
    // Stable since ES2019; long histories in arbitrary order must not go quadratic.
    order.subarray(start, end).sort((a, b) => day[a] - day[b] || a - b);
    return;
  }
  // Insertion sort: a user's events usually arrive nearly in time order, so this is close to linear.
  for (let i = start + 1; i < end; i++) {
    const v = order[i];
    const d = day[v];
    let j = i - 1;
    while (j >= start && day[order[j]] > d) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = v;
  }
}
