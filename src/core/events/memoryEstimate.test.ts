import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  describeTooBig,
  estimateFileEvents,
  estimateImportMemory,
  FALLBACK_BUDGET_BYTES,
  GZIP_EXPANSION,
  memoryBudget,
  STORE_BYTES_PER_EVENT,
} from './memoryEstimate';
import { sniffSource } from './sniff';
import { sourceFromBytes, sourceFromText } from './source';

/** A REES46-like export of `rows` events with varied widths, as the analyst's file would look. */
function eventsCsv(rows: number): string {
  const lines = [
    'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session',
  ];
  for (let i = 0; i < rows; i++) {
    const code = i % 3 ? 'electronics.smartphone' : 'apparel.shoes.sandals';
    lines.push(
      `2019-10-0${1 + (i % 9)} 0${i % 10}:1${i % 7}:00 UTC,${i % 5 ? 'view' : 'purchase'},${1000 + i},` +
        `20530135853320${i % 97},${code},brand${i % 13},${(i % 500) + 0.99},5${i * 37},sess-${i % 1000}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const GiB = 1024 ** 3;

describe('estimating the memory a drop needs before parsing it', () => {
  it('counts the events of a real file from its size and its sniffed head within 10%', async () => {
    const text = eventsCsv(20_000);
    const sniff = await sniffSource(sourceFromText('oct.csv', text));
    const events = estimateFileEvents(sniff);
    expect(Math.abs(events - 20_000) / 20_000).toBeLessThan(0.1);
    expect(estimateImportMemory([sniff]).bytes).toBe(Math.ceil(events * STORE_BYTES_PER_EVENT * 3));
  });

  it('scales a gzipped file by the expansion ratio, and ignores side files', async () => {
    const text = eventsCsv(2_000);
    const plain = await sniffSource(sourceFromText('oct.csv', text));
    const gz = await sniffSource(sourceFromBytes('oct.csv.gz', gzipSync(strToU8(text))));
    expect(gz.compression).toBe('gzip');
    const sameBytes = { ...gz, size: plain.size };
    expect(estimateFileEvents(sameBytes) / estimateFileEvents(plain)).toBeCloseTo(GZIP_EXPANSION, 0);
    // Parquet states its row count: that is the estimate, whatever the bytes.
    expect(estimateFileEvents({ ...plain, size: 10 * GiB, rowCount: 1234 })).toBe(1234);
    const dictionary = await sniffSource(
      sourceFromText('categories.csv', 'category_id,name\n1,toys\n'),
      'categories',
    );
    expect(estimateFileEvents({ ...dictionary, size: 10 * GiB })).toBe(0);
  });

  it('adds the events already loaded when files are added to a dataset', async () => {
    const sniff = await sniffSource(sourceFromText('oct.csv', eventsCsv(1_000)));
    const alone = estimateImportMemory([sniff]).events;
    expect(estimateImportMemory([sniff], 5_000_000).events).toBe(alone + 5_000_000);
  });

  it('takes the smallest budget the browser signals allow, or a fixed one when it says nothing', () => {
    expect(memoryBudget({})).toEqual({ bytes: FALLBACK_BUDGET_BYTES, source: 'fixed budget' });
    expect(memoryBudget({ jsHeapSizeLimit: 4 * GiB })).toEqual({ bytes: 2 * GiB, source: 'heap limit' });
    expect(memoryBudget({ jsHeapSizeLimit: 4 * GiB, deviceMemory: 4 })).toEqual({
      bytes: 1 * GiB,
      source: 'device memory',
    });
    expect(memoryBudget({ jsHeapSizeLimit: 0, deviceMemory: 8 })).toEqual({
      bytes: 2 * GiB,
      source: 'device memory',
    });
  });

  it('refuses a 10 GB export for a 4 GB heap with a message pointing to the CLI, and lets 200 MB through', async () => {
    const sniff = await sniffSource(sourceFromText('2019-Oct.csv', eventsCsv(500)));
    const budget = memoryBudget({ jsHeapSizeLimit: 4 * GiB });
    const huge = estimateImportMemory([{ ...sniff, size: 10 * 1000 ** 3 }]);
    const message = describeTooBig(huge, budget);
    expect(message).toMatch(
      /^These files hold about \d+ million events: importing them needs about \d+\.\d GB/,
    );
    expect(message).toContain('this tab can spend about 2.0 GB (heap limit)');
    expect(message).toContain('Nothing has been imported');
    expect(message).toContain('npm run cli -- inspect FILE... (the import report)');
    expect(message).toContain('npm run cli -- train FILE... --rules rules.json --out run/.');
    expect(describeTooBig(estimateImportMemory([{ ...sniff, size: 200 * 1000 ** 2 }]), budget)).toBeNull();
  });
});
