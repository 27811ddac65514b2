import { describe, expect, it } from 'vitest';
import { ACTION_CODE } from '../events/types';
import { dayFromIso, subtractMonths } from '../time';
import { generateDemo } from './generate';
import { DEMO_STAGES } from './population';

const world = generateDemo({ users: 1500, seed: 7 });
const { store, timeline } = world;

/** Byte equality of two typed arrays (toEqual on hundreds of thousands of elements takes seconds). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const bytes = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return a.byteLength === b.byteLength && bytes(a).equals(bytes(b));
}

describe('generateDemo: determinism and shape', () => {
  it('gives identical store arrays for the same seed and different ones for another seed', () => {
    const again = generateDemo({ users: 1500, seed: 7 });
    expect(again.store.userIds).toEqual(store.userIds);
    for (const key of ['userStart', 'category', 'day', 'action', 'count'] as const)
      expect(sameBytes(again.store[key], store[key]), key).toBe(true);
    expect(again.truth.stages).toEqual(world.truth.stages);
    const other = generateDemo({ users: 1500, seed: 8 });
    expect(other.store.day.length).not.toBe(store.day.length);
    expect(other.truth.stages).not.toEqual(world.truth.stages);
  });

  it('registers every catalogue category in order with its name, and every user even without events', () => {
    expect(store.categoryIds).toEqual(world.categories.map((c) => c.id));
    expect(store.categoryNames).toEqual(world.categories.map((c) => c.name));
    expect(store.userIds).toHaveLength(1500);
    expect(store.userStart).toHaveLength(1501);
    expect(store.userStart[1500]).toBe(store.day.length);
    const tiny = generateDemo({ users: 3, seed: 1, months: 1 });
    expect(tiny.store.userIds).toHaveLength(3);
    expect(tiny.store.categoryIds.length).toBeGreaterThanOrEqual(200);
  });

  it('counts stages in the documented proportions and labels exactly the pregnant users 1', () => {
    expect(world.stages).toEqual({
      pregnant: 158,
      'pregnant-click-only': 53,
      'recent-mother': 120,
      'other-woman': 600,
      man: 569,
    });
    const t = world.truth;
    expect(t.userIds).toEqual(store.userIds);
    for (let u = 0; u < 1500; u++) {
      const stage = t.stages?.[u];
      expect(stage).toBe(DEMO_STAGES[timeline.stageCode[u]]);
      expect(t.labels[u]).toBe(stage === 'pregnant' || stage === 'pregnant-click-only' ? 1 : 0);
    }
  });

  it('rejects options it cannot honour with a message saying what to fix', () => {
    expect(() => generateDemo({ users: 0, seed: 1 })).toThrow(/whole number of users/);
    expect(() => generateDemo({ users: 10, seed: 1.5 })).toThrow(/seed must be a whole number/);
    expect(() => generateDemo({ users: 10, seed: 1, months: 0 })).toThrow(/1 to 120 whole months/);
    expect(() => generateDemo({ users: 10, seed: 1, asOf: 'soon' })).toThrow(/Not a date/);
  });
});

describe('generateDemo: timing', () => {
  it('spans the 24 months before the as-of date, which is the day after the last event', () => {
    expect(world.asOfDay).toBe(dayFromIso('2026-07-01'));
    expect(store.maxDay + 1).toBe(world.asOfDay);
    expect(store.minDay).toBe(subtractMonths(world.asOfDay, 24));
    expect(store.maxDay - store.minDay).toBeGreaterThan(18 * 30);
  });

  it('has day-level timing: events on nearly every day of the window, sorted by day within each user', () => {
    const days = new Set(store.day);
    expect(days.size).toBe(store.maxDay - store.minDay + 1);
    for (let u = 0; u < 50; u++)
      for (let i = store.userStart[u] + 1; i < store.userStart[u + 1]; i++)
        expect(store.day[i]).toBeGreaterThanOrEqual(store.day[i - 1]);
  });

  it('makes purchases rare (a few a month) and clicks frequent (tens a month)', () => {
    let purchases = 0;
    let clicks = 0;
    for (let i = 0; i < store.count.length; i++)
      if (store.action[i] === ACTION_CODE.purchase) purchases += store.count[i];
      else clicks += store.count[i];
    const perUserMonth = (n: number) => n / 1500 / 24;
    expect(perUserMonth(purchases)).toBeGreaterThan(1);
    expect(perUserMonth(purchases)).toBeLessThan(5);
    expect(perUserMonth(clicks)).toBeGreaterThan(10);
    expect(clicks).toBeGreaterThan(5 * purchases);
    expect(store.day.length / 1500).toBeGreaterThan(150);
    expect(store.day.length / 1500).toBeLessThan(400);
  });
});
