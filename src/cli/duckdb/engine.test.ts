// `--engine duckdb` against the lab's engine on the same files: the demo world (labels with every rule feature,
// feature rows, scores) and a REES46 export as it comes (month files, one gzipped, the same data as Parquet).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../core/labels';
import { lastJsonLine, writeDemoFiles } from '../../test/cliFixtures';
import { command as features } from '../features';
import { command as label } from '../label';
import { rees46Csv, rees46Parquet, rees46Rows } from '../rees46Fixture';
import { command as score } from '../score';
import { command as train } from '../train';
import { loadDuckDb } from './loadDuckDb';

const demo = writeDemoFiles('tag-lab-duck-engine-', { users: 1500, seed: 7 });
afterAll(() => demo.remove());
const { dir, events, categories } = demo;

function file(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

const condition = (
  action: 'purchase' | 'click',
  categories: string[],
  windowMonths: number,
  min: number,
) => ({ action, categories, windowMonths, min });

const DEMO_VARIANTS: Record<string, RuleSet> = {
  'names, any, conflicts dropped': {
    positive: {
      match: 'any',
      conditions: [condition('purchase', ['maternity care', 'maternity wear'], 12, 5)],
    },
    negative: { match: 'any', conditions: [condition('purchase', ['High Heels', 'cosmetics'], 12, 5)] },
    onConflict: 'drop',
  },
  'all, short windows, clicks, conflicts to positive': {
    positive: {
      match: 'all',
      conditions: [
        condition('purchase', ['maternity care'], 6, 2),
        condition('click', ['maternity wear'], 2, 1),
      ],
    },
    negative: {
      match: 'any',
      conditions: [condition('purchase', ['high heels'], 1, 1), condition('click', ['cosmetics'], 3, 3)],
    },
    onConflict: 'positive',
  },
  'a fixed month-end as-of, conflicts to negative': {
    positive: { match: 'any', conditions: [condition('click', ['maternity wear'], 3, 4)] },
    negative: { match: 'any', conditions: [condition('click', ['cosmetics'], 13, 2)] },
    onConflict: 'negative',
    asOf: '2026-03-31',
  },
};

async function labelJson(args: string[], rules: RuleSet, engine: 'lab' | 'duckdb') {
  const rulesPath = file(`rules-${Math.random().toString(36).slice(2)}.json`, JSON.stringify(rules));
  return lastJsonLine(() => label.run([...args, '--rules', rulesPath, '--engine', engine, '--json']));
}

describe('label --engine duckdb', () => {
  for (const [name, rules] of Object.entries(DEMO_VARIANTS))
    it(`gives the lab's counts on the demo world: ${name}`, async () => {
      const lab = await labelJson([events, categories], rules, 'lab');
      const duck = await labelJson([events, categories], rules, 'duckdb');
      expect(lab.users).toBe(1500);
      expect((lab.positive as number) + (lab.negative as number)).toBeGreaterThan(20);
      expect(duck).toEqual({ ...lab, issues: [] });
    }, 60_000);
});

describe('features and score --engine duckdb', () => {
  const model = join(dir, 'model');

  it('writes the same sparse rows and the same scores as the lab engine', async () => {
    await lastJsonLine(() =>
      train.run([
        events,
        categories,
        '--rules',
        demo.rules,
        '--model',
        'shallow',
        '--epochs',
        '1',
        '--backend',
        'cpu',
        '--out',
        model,
        '--json',
      ]),
    );
    const rows = async (engine: string) => {
      const out = join(dir, `features-${engine}.csv`);
      const json = await lastJsonLine(() =>
        features.run([events, categories, '--model', model, '--out', out, '--engine', engine, '--json']),
      );
      return { json, lines: readFileSync(out, 'utf8').trim().split('\n') };
    };
    const lab = await rows('lab');
    const duck = await rows('duckdb');
    expect(duck.json).toMatchObject({ users: 1500, rows: lab.json.rows });
    expect(lab.lines.length).toBeGreaterThan(10_000);
    expect(duck.lines[0]).toBe('user_id,kind,period,category,count');
    expect(duck.lines.slice(1).sort()).toEqual(lab.lines.slice(1).sort());

    const scores = async (engine: string, extra: string[]) => {
      const out = join(dir, `scores-${engine}.csv`);
      await lastJsonLine(() =>
        score.run([
          '--model',
          model,
          events,
          categories,
          '--out',
          out,
          '--backend',
          'cpu',
          ...extra,
          '--json',
        ]),
      );
      const [header, ...body] = readFileSync(out, 'utf8').trim().split('\n');
      return { header, byUser: new Map(body.map((l) => [l.split(',')[0], l.split(',').slice(1)])) };
    };
    const labScores = await scores('lab', []);
    const duckScores = await scores('duckdb', ['--engine', 'duckdb', '--workers', '2']);
    expect(duckScores.header).toBe(labScores.header);
    expect(duckScores.byUser.size).toBe(1500);
    for (const [user, [s, tag, source]] of labScores.byUser) {
      const [ds, dtag, dsource] = duckScores.byUser.get(user)!;
      expect(Math.abs(Number(ds) - Number(s)), user).toBeLessThanOrEqual(1e-5);
      expect([dtag, dsource]).toEqual([tag, source]);
    }
  }, 240_000);
});

describe('--engine duckdb on bad input', () => {
  it('says how to install DuckDB when the package cannot be loaded', async () => {
    const missing = Object.assign(new Error("Cannot find package '@duckdb/node-api'\nRequire stack: …"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await expect(loadDuckDb(() => Promise.reject(missing))).rejects.toThrow(
      `--engine duckdb needs the @duckdb/node-api package, which could not be loaded (Cannot find package '@duckdb/node-api'). Install it with "npm install --save-dev @duckdb/node-api", or leave out --engine to use the lab's engine.`,
    );
    expect((await loadDuckDb()).DuckDBInstance).toBeTypeOf('function');
  });

  it('refuses files without events with the importer’s own reason, and an unknown engine by name', async () => {
    const bad = file('no-events.csv', 'a,b\n1,2\n');
    const rules = file('rules-bad.json', JSON.stringify(DEMO_VARIANTS['names, any, conflicts dropped']));
    await expect(label.run([bad, '--rules', rules, '--engine', 'duckdb'])).rejects.toThrow(
      /^Nothing usable: none of these files holds events.\nno-events.csv: no user, category or time column found/,
    );
    await expect(label.run([bad, '--rules', rules, '--engine', 'spark'])).rejects.toThrow(
      '--engine must be lab or duckdb, got "spark"',
    );
  });
});

describe('--engine duckdb on a REES46 export', () => {
  const rows = rees46Rows(45);
  mkdirSync(join(dir, 'rees46'));
  const october = file('rees46/2019-Oct.csv', rees46Csv(rows.filter((r) => r.time.getUTCMonth() === 9)));
  const november = file(
    'rees46/2019-Nov.csv.gz',
    gzipSync(rees46Csv(rows.filter((r) => r.time.getUTCMonth() === 10))),
  );
  const parquet = file('2019.parquet', new Uint8Array(rees46Parquet(rows)));
  const RULES: RuleSet = {
    positive: { match: 'any', conditions: [condition('purchase', ['maternity.*'], 12, 2)] },
    negative: {
      match: 'any',
      conditions: [condition('purchase', ['apparel.shoes.heels', '2053013555631882661'], 12, 2)],
    },
    onConflict: 'drop',
  };

  it('labels by code prefix, exact code and 19-digit id as the lab does, from the month files and from Parquet', async () => {
    const lab = await labelJson([october, november], RULES, 'lab');
    // Heel buyers by code, toy buyers by their 19-digit id: both negative.
    expect(lab).toMatchObject({ positive: 15, negative: 30, unlabelled: 0, users: 45 });
    expect(await labelJson([october, november], RULES, 'duckdb')).toEqual({ ...lab, issues: [] });
    expect(await labelJson([parquet], RULES, 'duckdb')).toEqual({ ...lab, issues: [] });
  }, 60_000);

  it('reads a time column that mixes ISO dates, Z date-times, UTC date-times and Unix seconds and milliseconds', async () => {
    const mixed = file(
      'mixed.csv',
      [
        'user_id,category,time,action',
        'a,x,2024-03-02,buy',
        'a,x,2024-03-02T08:00:00Z,buy',
        'b,x,2024-03-02 23:30:00 UTC,pv',
        'b,y,1709337600,buy',
        'c,y,1709337600000,order',
        'c,y,2024-03-01T23:30:00-05:00,buy',
        'd,y,not a time,buy',
      ].join('\n'),
    );
    const rules: RuleSet = {
      positive: { match: 'any', conditions: [condition('purchase', ['x'], 1, 2)] },
      negative: { match: 'any', conditions: [condition('purchase', ['y'], 1, 2)] },
      onConflict: 'drop',
    };
    const lab = await labelJson([mixed], rules, 'lab');
    expect(lab).toMatchObject({ positive: 1, negative: 1, users: 3, asOf: '2024-03-03' });
    expect(await labelJson([mixed], rules, 'duckdb')).toEqual({ ...lab, issues: [] });
  }, 60_000);
});
