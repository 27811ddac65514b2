import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../events/types';
import { isoFromDay } from '../time';
import { demoCategoriesCsv, demoTruthCsv, quoteCsvField, writeDemoEventsCsv } from './csv';
import { generateDemo } from './generate';

const world = generateDemo({ users: 300, seed: 3 });
const { store } = world;

function eventsCsv(): { text: string; chunks: number } {
  const chunks: string[] = [];
  writeDemoEventsCsv(world, (chunk) => chunks.push(chunk));
  return { text: chunks.join(''), chunks: chunks.length };
}

function parse(text: string): string[][] {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

const events = eventsCsv();
const eventRows = parse(events.text);

describe('demo CSV writers', () => {
  it('streams the events file in chunks of about 64 KB, one row per event after the header', () => {
    expect(events.chunks).toBeGreaterThan(10);
    const rows = eventRows;
    expect(rows[0]).toEqual(['user_id', 'category_id', 'time', 'action', 'count']);
    expect(rows.length - 1).toBe(store.day.length);
  });

  it('writes each event with its user, category id, date-time, action name and count', () => {
    const rows = eventRows;
    for (const i of [0, 1, 1000, store.day.length - 1]) {
      const [user, category, time, action, count] = rows[i + 1];
      const u = store.userIds.indexOf(user);
      expect(i).toBeGreaterThanOrEqual(store.userStart[u]);
      expect(i).toBeLessThan(store.userStart[u + 1]);
      expect(category).toBe(store.categoryIds[store.category[i]]);
      expect(time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(time.slice(0, 10)).toBe(isoFromDay(store.day[i]));
      expect(action).toBe(ACTIONS[store.action[i]]);
      expect(Number(count)).toBe(store.count[i]);
    }
    expect(new Set(rows.slice(1).map((r) => r[3]))).toEqual(new Set(['purchase', 'click']));
  });

  it('keeps times rising within each user, so the file reads in time order', () => {
    const rows = eventRows.slice(1);
    let backwards = 0;
    let sameUser = 0;
    for (let i = 1; i < rows.length; i++) {
      if (rows[i][0] !== rows[i - 1][0]) continue;
      sameUser++;
      if (rows[i][2] < rows[i - 1][2]) backwards++;
    }
    expect(sameUser).toBeGreaterThan(50_000);
    expect(backwards).toBe(0);
  });

  it('writes the category dictionary with every catalogue category', () => {
    const rows = parse(demoCategoriesCsv(world));
    expect(rows[0]).toEqual(['category_id', 'name']);
    expect(rows.slice(1)).toEqual(world.categories.map((c) => [c.id, c.name]));
    expect(rows.find((r) => r[1] === 'maternity wear')?.[0]).toBe(world.categories[0].id);
  });

  it('writes the truth file with every user, a 0/1 label and the stage', () => {
    const rows = parse(demoTruthCsv(world));
    expect(rows[0]).toEqual(['user_id', 'label', 'stage']);
    expect(rows).toHaveLength(301);
    rows.slice(1).forEach(([id, label, stage], u) => {
      expect(id).toBe(store.userIds[u]);
      expect(label).toBe(String(world.truth.labels[u]));
      expect(stage).toBe(world.truth.stages?.[u]);
    });
    expect(rows.filter((r) => r[2] === 'pregnant-click-only').every((r) => r[1] === '1')).toBe(true);
  });

  it('quotes fields only when they hold a comma, a quote or a line break', () => {
    expect(quoteCsvField("kids' shoes")).toBe("kids' shoes");
    expect(quoteCsvField('a,b')).toBe('"a,b"');
    expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvField('two\nlines')).toBe('"two\nlines"');
  });
});
