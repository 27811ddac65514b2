import { describe, expect, it } from 'vitest';
import { classifyTime, dayFromCivil, parseTimeToDay } from './timeFormats';
import { detectTimeColumn, detectTimeFormat } from './timeColumn';
import { dayFromIso } from '../time';

const MARCH_15_2024 = dayFromIso('2024-03-15');

describe('time formats', () => {
  it('computes day numbers like Date.UTC across leap years and centuries', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [2000, 2, 29],
      [2024, 12, 31],
      [1900, 3, 1],
      [2100, 2, 28],
    ])
      expect(dayFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
  });

  it('parses every supported format of the same moment into the same UTC day', () => {
    expect(parseTimeToDay('2024-03-15', 'iso-date')).toBe(MARCH_15_2024);
    expect(parseTimeToDay('2024-03-15T10:30:00Z', 'iso-datetime')).toBe(MARCH_15_2024);
    expect(parseTimeToDay('2024-03-15T10:30:00.123Z', 'iso-datetime')).toBe(MARCH_15_2024);
    expect(parseTimeToDay('2024-03-15T10:30', 'iso-datetime')).toBe(MARCH_15_2024);
    expect(parseTimeToDay('2024-03-15 10:30:00', 'sql-datetime')).toBe(MARCH_15_2024);
    expect(parseTimeToDay('2024-03-15 10:30:00 UTC', 'sql-datetime')).toBe(MARCH_15_2024);
    expect(parseTimeToDay('20240315', 'yyyymmdd')).toBe(MARCH_15_2024);
    expect(parseTimeToDay('1710498600', 'unix-s')).toBe(MARCH_15_2024);
    expect(parseTimeToDay('1710498600.5', 'unix-s')).toBe(MARCH_15_2024);
    expect(parseTimeToDay('1710498600000', 'unix-ms')).toBe(MARCH_15_2024);
    expect(parseTimeToDay(' 2024-03-15 ', 'iso-date')).toBe(MARCH_15_2024);
  });

  it('moves the day when a UTC offset crosses midnight', () => {
    expect(parseTimeToDay('2024-03-15T23:30:00-05:00', 'iso-datetime')).toBe(MARCH_15_2024 + 1);
    expect(parseTimeToDay('2024-03-15T00:30:00+02:00', 'iso-datetime')).toBe(MARCH_15_2024 - 1);
    expect(parseTimeToDay('2024-03-15T12:00:00+0530', 'iso-datetime')).toBe(MARCH_15_2024);
  });

  it('rejects impossible or malformed values with NaN', () => {
    for (const [v, f] of [
      ['2024-02-30', 'iso-date'],
      ['2023-02-29', 'iso-date'],
      ['2024-13-01', 'iso-date'],
      ['2024/03/15', 'iso-date'],
      ['2024-03-15T25:00:00Z', 'iso-datetime'],
      ['2024-03-15T10:30:00+5', 'iso-datetime'],
      ['20241315', 'yyyymmdd'],
      ['17104986x0', 'unix-s'],
      ['', 'unix-ms'],
    ] as const)
      expect(parseTimeToDay(v, f), v).toBeNaN();
  });

  it('tells numeric formats apart by magnitude, refuses ids and reads slashed dates in either order', () => {
    expect(classifyTime('20240315')).toBe('yyyymmdd');
    expect(classifyTime('1710498600')).toBe('unix-s');
    expect(classifyTime('1710498600000')).toBe('unix-ms');
    expect(classifyTime('123456')).toBeNull();
    expect(classifyTime('03/15/2024')).toBe('month-first');
    expect(classifyTime('15/03/2024')).toBe('day-first');
    expect(parseTimeToDay('15/03/2024', 'day-first')).toBe(MARCH_15_2024);
    expect(parseTimeToDay('3/15/2024 10:30', 'month-first')).toBe(MARCH_15_2024);
    expect(parseTimeToDay('15/03/2024', 'month-first')).toBeNaN();
  });

  it('refuses numbers outside 1990-2100 so seconds, milliseconds and compact dates cannot be confused', () => {
    expect(parseTimeToDay('20240315', 'unix-s')).toBeNaN();
    expect(parseTimeToDay('1710498600000', 'unix-s')).toBeNaN();
    expect(parseTimeToDay('1710498600', 'unix-ms')).toBeNaN();
  });

  it('lists every form a mixed column holds, most common first', () => {
    const column = detectTimeColumn([
      '2024-03-15',
      '2024-03-15',
      '2024-03-15T10:30:00Z',
      '2024-03-15 10:30:00 UTC',
      '1710498600',
      '1710498600000',
    ]);
    expect(column?.format).toBe('iso-date');
    expect(column?.forms.slice().sort()).toEqual(
      ['iso-date', 'iso-datetime', 'sql-datetime', 'unix-ms', 'unix-s'].sort(),
    );
  });

  it('decides day-first versus month-first once per column from the values, and says why', () => {
    const monthFirst = detectTimeColumn(['03/04/2024', '03/15/2024', '12/01/2024']);
    expect(monthFirst?.dateOrder).toBe('month-first');
    expect(monthFirst?.format).toBe('month-first');
    expect(monthFirst?.dateOrderReason).toContain('1 of 3');
    const dayFirst = detectTimeColumn(['03/04/2024', '15/03/2024']);
    expect(dayFirst?.dateOrder).toBe('day-first');
    const unknown = detectTimeColumn(['03/04/2024', '05/06/2024']);
    expect(unknown?.dateOrder).toBe('day-first');
    expect(unknown?.dateOrderReason).toContain('assumed');
  });

  it('decides a column by the format most values share, tolerating a few bad ones', () => {
    const values = ['1710498600', '1710598600', '', 'oops', '1710698600', '1710798600', '1710898600'];
    expect(detectTimeFormat(values)).toBe('unix-s');
    expect(detectTimeFormat(['a', 'b', '2024-03-15'])).toBeNull();
    expect(detectTimeFormat([])).toBeNull();
  });
});
