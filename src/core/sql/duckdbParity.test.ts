// The generated DuckDB SQL run on embedded DuckDB over the demo world, compared user by user with the lab's own
// engine: rule labels and sparse feature rows must be identical.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../events/types';
import { buildFeatureSpec } from '../features';
import { formatFeatureRow, forEachFeatureRow } from '../features/sparseRows';
import { evaluateRules } from '../labels/evaluate';
import { LABEL, type RuleSet } from '../labels/types';
import { generateDemo } from '../synthetic';
import { isoFromDay } from '../time';
import { sqlDialect } from './dialect';
import { buildFeaturesSql } from './featuresSql';
import { buildLabelsSql } from './labelsSql';

const duckdb = sqlDialect('duckdb');
const LABEL_NAME = ['unlabelled', 'positive', 'negative', 'conflict'];

/** The demo store with dotted names ("baby.diapers") so prefix rules have a hierarchy; every 9th has no name. */
function withDottedNames(store: EventStore, groups: readonly string[]): EventStore {
  const categoryNames = store.categoryNames.map((name, c) =>
    c % 9 === 4 ? store.categoryIds[c] : `${groups[c]}.${name}`,
  );
  return { ...store, categoryNames };
}

/** The canonical events table as CSV: a time of day per event, so timestamps (not dates) meet the day bounds. */
function eventsCsv(store: EventStore): string {
  const lines = ['user_id,category,category_name,time,action,count'];
  for (let u = 0; u < store.userIds.length; u++)
    for (let i = store.userStart[u]; i < store.userStart[u + 1]; i++) {
      const c = store.category[i];
      const name = store.categoryNames[c] === store.categoryIds[c] ? '' : store.categoryNames[c];
      const second = (i * 7919) % 86_400;
      const clock = new Date(second * 1000).toISOString().slice(11, 19);
      const action = store.action[i] === 0 ? 'purchase' : 'click';
      lines.push(
        `${store.userIds[u]},${store.categoryIds[c]},${name},${isoFromDay(store.day[i])} ${clock},${action},${store.count[i]}`,
      );
    }
  return `${lines.join('\n')}\n`;
}

/**
 * Independent reference for "name.*" entries: the lab's engine matches ids and exact names, so each prefix is
 * expanded here to every name equal to it or under it before the lab evaluates the rules.
 */
function expandPrefixes(rules: RuleSet, store: EventStore): RuleSet {
  const expand = (entries: string[]): string[] =>
    entries.flatMap((e) => {
      const key = e.trim().toLowerCase();
      if (!key.endsWith('.*')) return [e];
      const p = key.slice(0, -2);
      const hits = store.categoryNames.filter(
        (n) => n.toLowerCase() === p || n.toLowerCase().startsWith(`${p}.`),
      );
      return hits.length ? hits : [e];
    });
  const side = (s: RuleSet['positive']) => ({
    ...s,
    conditions: s.conditions.map((c) => ({ ...c, categories: expand(c.categories) })),
  });
  return { ...rules, positive: side(rules.positive), negative: side(rules.negative) };
}

let connection: DuckDBConnection;
let store: EventStore;
let folder: string;

beforeAll(async () => {
  const world = generateDemo({ users: 2500, seed: 11 });
  const groupOf = new Map(world.categories.map((c) => [c.id, c.group]));
  store = withDottedNames(
    world.store,
    world.store.categoryIds.map((id) => groupOf.get(id) ?? 'other'),
  );
  folder = mkdtempSync(join(tmpdir(), 'tag-lab-sql-'));
  const csv = join(folder, 'events.csv');
  writeFileSync(csv, eventsCsv(store));
  const instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(`CREATE TABLE events AS SELECT * FROM read_csv('${csv}', header = true, columns = {
    'user_id': 'VARCHAR', 'category': 'VARCHAR', 'category_name': 'VARCHAR', 'time': 'TIMESTAMP',
    'action': 'VARCHAR', 'count': 'DOUBLE'})`);
}, 120_000);

afterAll(() => {
  connection?.closeSync();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function duckLabels(rules: RuleSet, asOf?: string): Promise<Map<string, string>> {
  const reader = await connection.runAndReadAll(buildLabelsSql(rules, { dialect: duckdb, asOf }));
  return new Map(reader.getRowsJS().map((r) => [String(r[0]), String(r[1])]));
}

function labLabels(rules: RuleSet): Map<string, string> {
  const result = evaluateRules(store, expandPrefixes(rules, store));
  return new Map(store.userIds.map((id, u) => [id, LABEL_NAME[result.labels[u]]]));
}

function expectSameLabels(duck: Map<string, string>, lab: Map<string, string>): void {
  expect(duck.size).toBe(lab.size);
  const differing = [...lab].filter(([id, label]) => duck.get(id) !== label).slice(0, 5);
  expect(differing).toEqual([]);
}

const condition = (
  action: 'purchase' | 'click',
  categories: string[],
  windowMonths: number,
  min: number,
) => ({ action, categories, windowMonths, min });

const RULES: Record<string, RuleSet> = {
  'the preset rules by exact name (mixed case), conflicts dropped': {
    positive: {
      match: 'any',
      conditions: [condition('purchase', ['Maternity.maternity care', 'maternity.maternity wear'], 12, 5)],
    },
    negative: {
      match: 'any',
      conditions: [condition('purchase', ['women.high heels', 'women.cosmetics'], 12, 5)],
    },
    onConflict: 'drop',
  },
  'prefixes, "all", short windows and ids, conflicts to positive': {
    positive: {
      match: 'all',
      conditions: [condition('purchase', ['baby.*'], 6, 3), condition('click', ['pregnancy.*'], 2, 4)],
    },
    negative: {
      match: 'any',
      conditions: [
        condition('purchase', ['women.*', 'men.*'], 1, 2),
        condition('click', ['everyday.*'], 24, 400),
      ],
    },
    onConflict: 'positive',
  },
  'ids, unnamed categories, an invalid condition and a fixed month-end as-of, conflicts to negative': {
    positive: {
      match: 'any',
      conditions: [
        condition('click', ['kids.*', 'maternity.*'], 3, 6),
        condition('purchase', ['baby.*'], 1, -1),
      ],
    },
    negative: {
      match: 'all',
      conditions: [
        condition('click', ['women.*'], 13, 20),
        condition('purchase', ['no such category'], 12, 0),
      ],
    },
    onConflict: 'negative',
    asOf: '2026-03-31',
  },
};

describe('sql labels on DuckDB', () => {
  for (const [title, rules] of Object.entries(RULES))
    it(`labels every user as the lab does: ${title}`, async () => {
      const lab = labLabels(rules);
      const counts = new Set(lab.values());
      expect(counts.size).toBeGreaterThanOrEqual(3);
      expectSameLabels(await duckLabels(rules), lab);
    });

  it('uses named id entries and an as-of override the same way', async () => {
    const ids = store.categoryIds.filter((_, c) => c % 9 === 4).slice(0, 6);
    const rules: RuleSet = {
      positive: { match: 'any', conditions: [condition('click', ids, 4, 3)] },
      negative: { match: 'any', conditions: [condition('purchase', ids, 12, 2)] },
      onConflict: 'drop',
    };
    const asOf = '2026-01-15';
    const lab = labLabels({ ...rules, asOf });
    expect(lab.size).toBe(store.userIds.length);
    expect([...lab.values()].filter((l) => l === 'conflict').length).toBeGreaterThan(0);
    expectSameLabels(await duckLabels(rules, asOf), lab);
  });

  it('counts exactly one label per user', async () => {
    const labels = await duckLabels(Object.values(RULES)[0]);
    expect(labels.size).toBe(store.userIds.length);
    expect(LABEL.conflict).toBe(3);
  });
});

async function duckFeatureRows(sql: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader
    .getRowsJS()
    .map((r) =>
      formatFeatureRow({
        userId: String(r[0]),
        kind: String(r[1]) as 'purchase' | 'click',
        period: Number(r[2]),
        category: String(r[3]),
        count: Number(r[4]),
      }),
    )
    .sort();
}

/** Compares sorted row lists by their first differences (a full diff of 100k rows would take minutes to print). */
function expectSameRows(duck: string[], lab: string[]): void {
  const inLab = new Set(lab);
  const inDuck = new Set(duck);
  expect({
    rows: duck.length,
    onlyInDuckDb: duck.filter((r) => !inLab.has(r)).slice(0, 5),
    onlyInLab: lab.filter((r) => !inDuck.has(r)).slice(0, 5),
  }).toEqual({ rows: lab.length, onlyInDuckDb: [], onlyInLab: [] });
}

function labFeatureRows(spec: ReturnType<typeof buildFeatureSpec>, asOf?: string): string[] {
  const rows: string[] = [];
  forEachFeatureRow(store, spec, (row) => rows.push(formatFeatureRow(row)), { asOf });
  return rows.sort();
}

describe('sql features on DuckDB', () => {
  it('gives the lab’s rows with a top-K vocabulary, the other bucket and masked rule categories', async () => {
    const spec = buildFeatureSpec(store, {
      topK: 120,
      maskedCategories: ['women.cosmetics', 'baby.diapers'],
    });
    expect(spec.otherBucket).toBe(true);
    const lab = labFeatureRows(spec);
    expect(lab.some((r) => r.includes(',__other__,'))).toBe(true);
    expect(lab.some((r) => r.includes(',click,89,'))).toBe(true);
    const duck = await duckFeatureRows(buildFeaturesSql(spec, { dialect: duckdb }));
    expectSameRows(duck, lab);
  });

  it('gives the lab’s rows for a short spec (12 purchase periods) at a month-end as-of, no other bucket', async () => {
    const spec = buildFeatureSpec(store, { months: 6, days: 30, asOf: '2026-03-31' });
    expect(spec.otherBucket).toBe(false);
    const lab = labFeatureRows(spec);
    expect(lab.some((r) => r.includes(',purchase,11,'))).toBe(true);
    expectSameRows(await duckFeatureRows(buildFeaturesSql(spec, { dialect: duckdb })), lab);
  });
});
