// The same event in two files (an export downloaded twice, overlapping month files) must count once. Within one
// file a repeat is a real repeat (two purchases on one day), so across files the copies of an event kept are as many
// as the file with the most of them holds: the rest are exact duplicates, dropped and reported.

export interface DuplicateScanInput {
  /** event indices grouped by user, by day within a user, original order within a day */
  order: Uint32Array;
  userStart: Uint32Array;
  day: Int32Array;
  category: Uint32Array;
  action: Uint8Array;
  count: Float32Array;
  /** source (file) of each original event index */
  sourceOf: Uint16Array;
}

/** Positions in `order` whose event is a cross-file duplicate (ascending). */
export function findCrossFileDuplicates(input: DuplicateScanInput): number[] {
  const { order, userStart, day, sourceOf } = input;
  const dropped: number[] = [];
  for (let u = 0; u + 1 < userStart.length; u++) {
    let start = userStart[u];
    const end = userStart[u + 1];
    while (start < end) {
      let stop = start + 1;
      let mixed = false;
      const d = day[order[start]];
      const s = sourceOf[order[start]];
      while (stop < end && day[order[stop]] === d) {
        if (sourceOf[order[stop]] !== s) mixed = true;
        stop++;
      }
      if (mixed) scanDay(input, start, stop, dropped);
      start = stop;
    }
  }
  return dropped;
}

/** One user's events of one day from more than one file: keeps, per event, the largest count any file holds. */
function scanDay(input: DuplicateScanInput, start: number, stop: number, dropped: number[]): void {
  const { order, category, action, count, sourceOf } = input;
  const seen = new Map<string, { kept: number; perSource: Map<number, number> }>();
  for (let j = start; j < stop; j++) {
    const i = order[j];
    const key = `${category[i]}|${action[i]}|${count[i]}`;
    let entry = seen.get(key);
    if (!entry) seen.set(key, (entry = { kept: 0, perSource: new Map() }));
    const n = (entry.perSource.get(sourceOf[i]) ?? 0) + 1;
    entry.perSource.set(sourceOf[i], n);
    if (n > entry.kept) entry.kept++;
    else dropped.push(j);
  }
}
