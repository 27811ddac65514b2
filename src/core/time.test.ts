import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay, monthBoundaries, subtractMonths } from './time';

describe('calendar arithmetic on day numbers', () => {
  it('round-trips ISO dates', () => {
    expect(isoFromDay(dayFromIso('2024-02-29'))).toBe('2024-02-29');
    expect(dayFromIso('1970-01-02')).toBe(1);
  });

  it('subtracts calendar months, clamping to the shorter month', () => {
    expect(isoFromDay(subtractMonths(dayFromIso('2024-03-31'), 1))).toBe('2024-02-29');
    expect(isoFromDay(subtractMonths(dayFromIso('2024-01-15'), 1))).toBe('2023-12-15');
    expect(isoFromDay(subtractMonths(dayFromIso('2024-01-15'), 13))).toBe('2022-12-15');
    expect(isoFromDay(subtractMonths(dayFromIso('2024-01-15'), 0))).toBe('2024-01-15');
  });

  it('builds month bucket boundaries back from the as-of day', () => {
    const b = monthBoundaries(dayFromIso('2024-07-01'), 2);
    expect(Array.from(b, isoFromDay)).toEqual(['2024-07-01', '2024-06-01', '2024-05-01']);
  });
});
