import { describe, expect, it } from 'vitest';
import { importDataset } from './importDataset';
import { sniffSource } from './index';
import { sourceFromBytes, sourceFromText } from './source';
import { dayFromIso } from '../time';

const fromText = (name: string, text: string) => ({ source: sourceFromText(name, text) });

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('files as they come', () => {
  it('reads each row of a mixed time column by the form it has and skips only rows no form reads', async () => {
    const text = [
      'user_id,category,time,action',
      'u1,c1,2024-03-02,buy',
      'u2,c1,2024-03-02T08:00:00Z,buy',
      'u3,c1,2024-03-02 08:00:00 UTC,buy',
      'u4,c1,1709366400,buy',
      'u5,c1,1709366400000,buy',
      'u6,c1,2024-03-02T23:30:00-05:00,buy',
      'u7,c1,next tuesday,buy',
      'u8,c1,2024-03-02,buy',
    ].join('\n');
    const { dataset, report } = await importDataset([fromText('mixed.csv', text)]);
    const store = dataset!.store;
    const dayOf = (u: string) => store.day[store.userStart[store.userIds.indexOf(u)]];
    for (const u of ['u1', 'u2', 'u3', 'u4', 'u5', 'u8']) expect(dayOf(u), u).toBe(dayFromIso('2024-03-02'));
    expect(dayOf('u6')).toBe(dayFromIso('2024-03-03'));
    expect(report.events).toBe(7);
    expect(report.skipped['bad-time']).toMatchObject({ count: 1, examples: [{ row: 8 }] });
    expect(report.files[0].timeForms).toEqual({
      'iso-date': 2,
      'iso-datetime': 2,
      'sql-datetime': 1,
      'unix-s': 1,
      'unix-ms': 1,
    });
  });

  it('reads slashed dates month-first when the values say so, and states it in the report', async () => {
    const text = 'user_id,category,time,action\nu1,c1,03/04/2024,buy\nu2,c1,12/25/2024,buy\n';
    const { dataset, report } = await importDataset([fromText('us.csv', text)]);
    expect(dataset!.store.minDay).toBe(dayFromIso('2024-03-04'));
    expect(report.files[0].dateOrder).toBe('month-first: 1 of 2 slashed dates have a second number above 12');
  });

  it('names a duplicated header with both positions and the one used, in the sniff and the report', async () => {
    const text = 'user_id,category,time,action,user_id\nu1,c1,2024-03-02,buy,x9\n';
    const sniff = await sniffSource(sourceFromText('dup.csv', text));
    expect(sniff.duplicateHeaders).toEqual([{ name: 'user_id', columns: [0, 4], used: 0 }]);
    const { report, dataset } = await importDataset([fromText('dup.csv', text)]);
    expect(dataset!.store.userIds).toEqual(['u1']);
    expect(report.warnings).toContain(
      'dup.csv: the header names "user_id" 2 times (columns 1 and 5); column 1 is used; choose another in the mapping step if that one is right.',
    );
    const other = await importDataset([
      { source: sourceFromText('dup.csv', text), mapping: { ...sniff.mapping!, user: 4 } },
    ]);
    expect(other.dataset!.store.userIds).toEqual(['x9']);
  });

  it('keeps the good rows of a short file whose broken row holds an unquoted formula with a comma', async () => {
    const text = 'user_id,category,time,action\nu1,c1,2024-03-02,buy\nu2,c2,=SUM(1,2),buy\n';
    const { dataset, report } = await importDataset([fromText('formula.csv', text)]);
    expect(dataset!.store.userIds).toEqual(['u1']);
    expect(report.skipped['bad-time']?.examples[0]).toEqual({
      file: 'formula.csv',
      row: 3,
      values: ['u2', 'c2', '=SUM(1', '2)', 'buy'],
    });
  });

  it('shows real values, never an empty list, when a time column holds no times', async () => {
    const only = await sniffSource(
      sourceFromText('f.csv', 'user_id,category,time,action\nu2,c2,=SUM(1,2),buy\n'),
    );
    expect(only.problems[0]).toContain('holds values like "=SUM(1"');
    const empty = await sniffSource(sourceFromText('e.csv', 'user_id,category,time,action\nu2,c2,,buy\n'));
    expect(empty.problems[0]).toContain('the time column "time" is empty in all 1 rows read');
  });

  it('unpacks a gzipped file as it streams (DecompressionStream), whatever its name', async () => {
    const text = 'user_id,category,time,action\nu1,c1,2024-03-02,buy\nu2,c1,2024-03-03,pv\n';
    const bytes = await gzip(text);
    const { dataset, report } = await importDataset([{ source: sourceFromBytes('events.csv.gz', bytes, 7) }]);
    expect(report.files[0]).toMatchObject({ name: 'events.csv.gz', rows: 2, events: 2, error: null });
    expect(dataset!.store.userIds).toEqual(['u1', 'u2']);
  });
});
