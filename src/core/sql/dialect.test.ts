// The Spark dialect differs from DuckDB only in the places docs/SQL.md lists; each one is checked here on the text.

import { describe, expect, it } from 'vitest';
import type { FeatureSpec } from '../features/types';
import type { RuleSet } from '../labels/types';
import { SQL_DIALECTS, sqlDialect, sqlString, sqlTable } from './dialect';
import { buildFeaturesSql } from './featuresSql';
import { buildLabelsSql } from './labelsSql';

const { duckdb, spark } = SQL_DIALECTS;

const rules: RuleSet = {
  positive: {
    match: 'all',
    conditions: [{ action: 'purchase', categories: ['maternity.*', "mum's care"], windowMonths: 12, min: 5 }],
  },
  negative: { match: 'any', conditions: [{ action: 'click', categories: ['42'], windowMonths: 3, min: 2 }] },
  onConflict: 'drop',
};

const spec: FeatureSpec = {
  version: 1,
  vocabulary: ['1', '2'],
  vocabularyNames: ['a', 'b'],
  otherBucket: true,
  months: 18,
  days: 90,
  transform: 'log1p',
  asOf: 'latest',
  maskedCategories: ['3'],
};

describe('the Spark dialect', () => {
  it('quotes identifiers with backticks, DuckDB with double quotes', () => {
    expect(spark.quote('count')).toBe('`count`');
    expect(duckdb.quote('count')).toBe('"count"');
    expect(sqlTable(spark, 'shop.events')).toBe('`shop`.`events`');
    expect(sqlTable(duckdb, 'shop.events')).toBe('"shop"."events"');
  });

  it('casts to STRING where DuckDB casts to VARCHAR', () => {
    expect(buildLabelsSql(rules, { dialect: spark })).toContain('CAST(`category` AS STRING)');
    expect(buildLabelsSql(rules, { dialect: duckdb })).toContain('CAST("category" AS VARCHAR)');
  });

  it('escapes quotes in string literals with a backslash (Spark glues adjacent literals)', () => {
    expect(sqlString(spark, "mum's \\ care")).toBe("'mum\\'s \\\\ care'");
    expect(sqlString(duckdb, "mum's \\ care")).toBe("'mum''s \\ care'");
  });

  it('subtracts months with add_months, DuckDB with to_months', () => {
    expect(spark.monthsBefore('a.day', '12')).toBe('add_months(a.day, -(12))');
    expect(duckdb.monthsBefore('a.day', '12')).toBe('CAST(a.day - to_months(12) AS DATE)');
  });

  it('moves by days with date_add / date_sub and counts them with datediff', () => {
    expect(spark.dayAfter('d')).toBe('date_add(d, 1)');
    expect(spark.daysBefore('d', 90)).toBe('date_sub(d, 90)');
    expect(spark.daysBetween('x', 'y')).toBe('datediff(y, x)');
    expect(duckdb.daysBetween('x', 'y')).toBe("date_diff('day', x, y)");
  });

  it('builds the period table with explode(sequence()), DuckDB with range()', () => {
    expect(spark.periodTable(18)).toBe('SELECT explode(sequence(0, 17)) AS period');
    expect(duckdb.periodTable(18)).toBe('SELECT CAST(range AS INTEGER) AS period FROM range(18)');
  });

  it('hands rows out per partition (DISTRIBUTE BY … SORT BY), DuckDB with one ORDER BY', () => {
    expect(buildFeaturesSql(spec, { dialect: spark })).toContain('DISTRIBUTE BY user_id SORT BY user_id');
    expect(buildFeaturesSql(spec, { dialect: duckdb })).toContain('ORDER BY user_id, kind, period');
  });

  it('leaves no DuckDB-only syntax in the Spark queries', () => {
    for (const sql of [buildLabelsSql(rules, { dialect: spark }), buildFeaturesSql(spec, { dialect: spark })])
      for (const token of ['to_months', 'date_diff', 'range(', 'INTERVAL', 'VARCHAR', '"', "''"])
        expect(sql, token).not.toContain(token);
  });

  it('is otherwise the same text: swapping the listed pieces turns the DuckDB query into the Spark one', () => {
    const sparkLike = { ...duckdb, ...spark };
    expect(buildLabelsSql(rules, { dialect: sparkLike })).toBe(buildLabelsSql(rules, { dialect: spark }));
    const mixed = { ...spark, quote: duckdb.quote, stringType: duckdb.stringType };
    const duckText = buildLabelsSql(rules, { dialect: duckdb, asOf: '2026-07-01' });
    const mixedText = buildLabelsSql(rules, { dialect: mixed, asOf: '2026-07-01' });
    const differing = duckText.split('\n').filter((line, i) => line !== mixedText.split('\n')[i]);
    expect(differing.every((line) => /to_months|Dialect: duckdb|mum''s/.test(line))).toBe(true);
  });

  it('rejects an unknown dialect by name', () => {
    expect(() => sqlDialect('bigquery')).toThrow(/duckdb or spark/);
  });
});

describe('the generated queries', () => {
  it('match a prefix as the name itself or any name under it, case-insensitively', () => {
    const sql = buildLabelsSql(rules, { dialect: duckdb });
    expect(sql).toContain("e.name_key = 'maternity'");
    expect(sql).toContain("substr(e.name_key, 1, 10) = 'maternity.'");
    expect(sql).toContain('(positive_1 >= 5)');
  });

  it('fall back to the id as the name when the table has no category_name column', () => {
    const sql = buildLabelsSql(rules, { dialect: duckdb, categoryNames: false });
    expect(sql).not.toContain('category_name');
  });

  it('refuse an as-of that is not a real date', () => {
    expect(() => buildLabelsSql(rules, { dialect: duckdb, asOf: '2026-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(() => buildFeaturesSql(spec, { dialect: spark, asOf: 'yesterday' })).toThrow(/YYYY-MM-DD/);
  });
});
