// A DuckDB expression reading a raw time cell the way the lab does (core/events/timeFormats.ts): each value by the
// form it has (ISO date or date-time with Z or an offset, `YYYY-MM-DD HH:MM:SS[ UTC]`, compact YYYYMMDD, Unix
// seconds or milliseconds, slashed dates in the column's day order), as a UTC TIMESTAMP; NULL when no form reads it.

import type { DateOrder } from '../../core/events';

// The lab's plausible range for numeric times (1990-01-01 to 2100-01-01), so ids are not taken for times.
const MIN_SECONDS = 7305 * 86_400;
const MAX_SECONDS = 47_482 * 86_400 + 86_399;

/** `text` is a VARCHAR expression; the session time zone must be UTC (the engine sets it). */
export function rawTimeSql(text: string, dateOrder: DateOrder): string {
  const slashed = dateOrder === 'day-first' ? '%d/%m/%Y' : '%m/%d/%Y';
  const v = `trim(${text})`;
  const n = `TRY_CAST(${v} AS BIGINT)`;
  // Fast path for most exports (ISO dates, `YYYY-MM-DD HH:MM:SS[ UTC]`, …Z): DuckDB's TIMESTAMP cast, which would
  // ignore an offset, so values with a + or - after the date take the full path.
  const noOffset = `NOT contains(substr(${text}, 12), '-') AND NOT contains(substr(${text}, 12), '+')`;
  return `COALESCE(CASE WHEN ${noOffset} THEN TRY_CAST(${text} AS TIMESTAMP) END, CASE
      WHEN ${n} IS NULL THEN COALESCE(
        CAST(TRY_CAST(${v} AS TIMESTAMPTZ) AS TIMESTAMP),
        try_strptime(${v}, ['${slashed}', '${slashed} %H:%M', '${slashed} %H:%M:%S']))
      WHEN length(${v}) = 8 AND try_strptime(${v}, '%Y%m%d') IS NOT NULL
        AND year(try_strptime(${v}, '%Y%m%d')) BETWEEN 1990 AND 2099 THEN try_strptime(${v}, '%Y%m%d')
      WHEN ${n} BETWEEN ${MIN_SECONDS} AND ${MAX_SECONDS} THEN CAST(to_timestamp(${n}) AS TIMESTAMP)
      WHEN ${n} BETWEEN ${MIN_SECONDS}000 AND ${MAX_SECONDS}999 THEN epoch_ms(${n})
    END)`;
}
