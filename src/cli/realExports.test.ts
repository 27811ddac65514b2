import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { importDataset } from '../core/events';
import { appendToDataset } from '../core/events';
import { evaluateRules } from '../core/labels';
import type { RuleSet } from '../core/labels';
import { expandInputPaths, importSpecsFromArgs } from './inputPaths';
import { CATEGORIES, rees46Csv, rees46Parquet, rees46Rows } from './rees46Fixture';
import { unmatchedRuleEntries } from './ruleWarnings';

const dir = mkdtempSync(join(tmpdir(), 'tag-lab-exports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = rees46Rows();
const october = rows.filter((r) => r.time.getUTCMonth() === 9);
const november = rows.filter((r) => r.time.getUTCMonth() === 10);
mkdirSync(join(dir, 'csv'));
mkdirSync(join(dir, 'pq'));
writeFileSync(join(dir, 'csv', '2019-Oct.csv'), rees46Csv(october));
writeFileSync(join(dir, 'csv', '2019-Nov.csv.gz'), gzipSync(rees46Csv(november)));
writeFileSync(join(dir, 'pq', '2019.parquet'), new Uint8Array(rees46Parquet(rows)));

const RULES: RuleSet = {
  positive: {
    match: 'any',
    conditions: [{ action: 'purchase', categories: ['maternity.*'], windowMonths: 12, min: 2 }],
  },
  negative: {
    match: 'any',
    conditions: [{ action: 'purchase', categories: ['apparel.shoes.heels'], windowMonths: 12, min: 2 }],
  },
  onConflict: 'drop',
};

async function labelCounts(args: string[]) {
  const { dataset, report } = await importDataset(importSpecsFromArgs(args));
  if (!dataset) throw new Error(JSON.stringify(report.files));
  return { counts: evaluateRules(dataset.store, RULES).counts, store: dataset.store, report };
}

describe('a REES46 export as it comes: month files, one gzipped, and the same data as Parquet', () => {
  it('expands folders and globs into the data files, in name order', () => {
    expect(expandInputPaths([join(dir, 'csv')]).map((p) => p.slice(dir.length + 1))).toEqual([
      'csv/2019-Nov.csv.gz',
      'csv/2019-Oct.csv',
    ]);
    expect(expandInputPaths([join(dir, '*', '2019*')]).length).toBe(3);
    expect(() => expandInputPaths([join(dir, 'csv', '*.json')])).toThrow('no file matches this pattern');
  });

  it('gives the same label counts from the plain + gzipped month files and from the Parquet file', async () => {
    const csv = await labelCounts([join(dir, 'csv')]);
    const parquet = await labelCounts([join(dir, 'pq', '2019.parquet')]);
    // 10 mothers (maternity purchases in both months), 10 heel buyers, 10 toy buyers.
    expect(csv.counts).toMatchObject({ positive: 10, negative: 10, unlabelled: 10, users: 30 });
    expect(parquet.counts).toEqual(csv.counts);
    expect(parquet.report.events).toBe(csv.report.events);
    expect(csv.report.events).toBe(rows.filter((r) => r.type !== 'cart').length);
    expect(parquet.report.files[0]).toMatchObject({ layout: 'rees46-ecommerce', error: null });
  });

  it('keeps 19-digit ids exact and shows the codes as the categories names', async () => {
    for (const args of [[join(dir, 'csv')], [join(dir, 'pq', '2019.parquet')]]) {
      const { store, report } = await labelCounts(args);
      const name = (id: string) => store.categoryNames[store.categoryIds.indexOf(id)];
      expect(store.categoryIds.slice().sort()).toEqual(
        Object.values(CATEGORIES)
          .map((c) => c.id)
          .sort(),
      );
      expect(name(CATEGORIES.maternityClothing.id)).toBe('maternity.clothing');
      expect(name(CATEGORIES.heels.id)).toBe('apparel.shoes.heels');
      expect(name(CATEGORIES.unnamed.id)).toBe(CATEGORIES.unnamed.id);
      expect(store.userIds).toContain('512000029');
      expect(report.categoryNames).toMatchObject({ fromEvents: 4, conflicting: 1 });
      expect(report.categoryNames?.examples[0].names[1]).toEqual({ name: 'maternity.clothes', rows: 1 });
    }
  });

  it('labels by code and by id alike, and names a rule entry that matches nothing', async () => {
    const { store } = await labelCounts([join(dir, 'csv')]);
    const byId: RuleSet = {
      ...RULES,
      positive: {
        match: 'any',
        conditions: [
          {
            action: 'purchase',
            categories: [CATEGORIES.maternityClothing.id, 'maternity.care.lotion'],
            windowMonths: 12,
            min: 2,
          },
        ],
      },
    };
    expect(evaluateRules(store, byId).counts.positive).toBe(10);
    const typo: RuleSet = {
      ...RULES,
      negative: {
        ...RULES.negative,
        conditions: [{ ...RULES.negative.conditions[0], categories: ['apparel.shoe.*'] }],
      },
    };
    expect(unmatchedRuleEntries(store, typo)).toEqual([
      'Category "apparel.shoe.*" (condition 1 of the negative rules) matches no category. Did you mean "apparel.shoes.heels"?',
    ]);
  });

  it('adds a second month to a loaded dataset, and counts a file dropped twice once', async () => {
    const first = await importDataset(importSpecsFromArgs([join(dir, 'csv', '2019-Oct.csv')]));
    const both = await appendToDataset(
      first.dataset!,
      importSpecsFromArgs([join(dir, 'csv', '2019-Nov.csv.gz')]),
    );
    const all = await labelCounts([join(dir, 'csv')]);
    expect(both.report.events).toBe(all.report.events);
    expect(evaluateRules(both.dataset!.store, RULES).counts).toEqual(all.counts);
    expect(both.report.duplicates?.count).toBe(0);

    const again = await appendToDataset(
      both.dataset!,
      importSpecsFromArgs([join(dir, 'csv', '2019-Nov.csv.gz')]),
    );
    expect(again.report.events).toBe(all.report.events);
    expect(again.report.duplicates).toMatchObject({
      count: all.report.events - first.report.events,
      dropped: true,
    });
    expect(again.report.warnings.join(' ')).toContain('appear in more than one file and were counted once');

    const kept = await appendToDataset(
      both.dataset!,
      importSpecsFromArgs([join(dir, 'csv', '2019-Nov.csv.gz')]),
      {
        keepDuplicates: true,
      },
    );
    expect(kept.report.events).toBe(2 * all.report.events - first.report.events);
  });
});
