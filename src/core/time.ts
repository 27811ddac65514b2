// Calendar arithmetic on UTC day numbers (days since 1970-01-01), shared by rules, features and the generator.
// Everything in the store is a day number, so windows and buckets are integer comparisons.

const MS_PER_DAY = 86_400_000;

export function dayFromUtcMs(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

export function dayFromIso(iso: string): number {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(ms)) throw new Error(`Not a date: "${iso}" (expected YYYY-MM-DD)`);
  return dayFromUtcMs(ms);
}

export function isoFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The day `months` calendar months before `day` (negative moves forward). The day of month is kept and clamped to
 * the target month's length (31 March minus one month is 28/29 February), as DESIGN.md's month windows need.
 */
export function subtractMonths(day: number, months: number): number {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const dom = d.getUTCDate();
  const targetY = y + Math.floor(m / 12);
  const targetM = ((m % 12) + 12) % 12;
  const lastDom = new Date(Date.UTC(targetY, targetM + 1, 0)).getUTCDate();
  return dayFromUtcMs(Date.UTC(targetY, targetM, Math.min(dom, lastDom)));
}

/** Default as-of date: the UTC day after the latest event. */
export function defaultAsOfDay(maxEventDay: number): number {
  return maxEventDay + 1;
}

/**
 * Start days of the month buckets: bucket i = [starts[i+1], starts[i]) i.e. [asOf − (i+1) months, asOf − i months).
 * Returns M + 1 boundaries, starts[0] = asOf.
 */
export function monthBoundaries(asOfDay: number, months: number): Int32Array {
  const out = new Int32Array(months + 1);
  for (let i = 0; i <= months; i++) out[i] = subtractMonths(asOfDay, i);
  return out;
}
