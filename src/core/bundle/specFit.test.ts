import { describe, expect, it } from 'vitest';
import { EventStoreBuilder } from '../events/storeBuilder';
import type { EventStore } from '../events/types';
import type { FeatureSpec } from '../features/types';
import { fingerprintData } from './fingerprint';
import { checkSpecFits } from './specFit';

function makeStore(
  categories: string[],
  events: [string, string, number, number, number][] = [],
): EventStore {
  const b = new EventStoreBuilder();
  categories.forEach((c) => b.addCategory(c));
  b.addUser('u1');
  for (const [user, category, day, action, count] of events) b.push(user, category, day, action, count);
  return b.finish();
}

function makeSpec(vocabulary: string[], masked: string[] = []): FeatureSpec {
  return {
    version: 1,
    vocabulary,
    vocabularyNames: vocabulary.map((id) => `name of ${id}`),
    otherBucket: true,
    months: 18,
    days: 90,
    transform: 'log1p',
    asOf: 'latest',
    maskedCategories: masked,
  };
}

describe('checkSpecFits', () => {
  it('accepts data holding every vocabulary category and counts the extra ones', () => {
    const fit = checkSpecFits(makeSpec(['a', 'b']), makeStore(['a', 'b', 'z']));
    expect(fit).toMatchObject({ ok: true, missingCategories: [], presentShare: 1, unknownCategories: 1 });
    expect(fit.message).toBe(
      'All 2 categories of the model\'s vocabulary are in the data. 1 categories of the data are not in the vocabulary and are summed into the "other" input.',
    );
  });

  it('says which categories are missing and that their inputs will be zero', () => {
    const fit = checkSpecFits(makeSpec(['a', 'b', 'c', 'd']), makeStore(['a', 'b', 'c']));
    expect(fit).toMatchObject({ ok: true, missingCategories: ['d'], presentShare: 0.75 });
    expect(fit.message).toBe(
      '1 of the 4 categories the model was trained on are absent from this data (d (name of d)); their inputs are zero for every user.',
    );
  });

  it('refuses data holding fewer than half of the vocabulary', () => {
    const fit = checkSpecFits(makeSpec(['a', 'b', 'c', 'd', 'e', 'f', 'g']), makeStore(['a', 'b', 'x']));
    expect(fit.ok).toBe(false);
    expect(fit.presentShare).toBeCloseTo(2 / 7, 12);
    expect(fit.missingCategories).toEqual(['c', 'd', 'e', 'f', 'g']);
    expect(fit.message).toMatch(
      /^Only 29% of the 7 categories the model was trained on are in this data \(at least 50% needed\)/,
    );
    expect(fit.message).toContain(
      'Missing, e.g.: c (name of c), d (name of d), e (name of e), f (name of f), g (name of g).',
    );
  });

  it('ignores masked vocabulary categories, which feed nothing anyway', () => {
    const fit = checkSpecFits(makeSpec(['a', 'b', 'c'], ['name of c', 'b']), makeStore(['a']));
    expect(fit).toMatchObject({ ok: true, missingCategories: [], presentShare: 1 });
  });

  it('refuses data without users', () => {
    const empty = new EventStoreBuilder().finish();
    expect(checkSpecFits(makeSpec(['a']), empty)).toMatchObject({
      ok: false,
      message: 'The data holds no users to score.',
    });
  });
});

describe('fingerprintData', () => {
  const events: [string, string, number, number, number][] = [
    ['u1', 'a', 19000, 0, 1],
    ['u2', 'b', 19010, 1, 3],
    ['u1', 'b', 19020, 1, 1],
  ];

  it('names users, events and the date range, and is the same for the same data', () => {
    const fp = fingerprintData(makeStore([], events));
    expect(fp).toMatch(/^2u-3e-2022-01-08\.\.2022-01-28-[0-9a-f]{8}$/);
    expect(fingerprintData(makeStore([], events))).toBe(fp);
  });

  it('changes when one count changes', () => {
    const changed = events.map((e, i) => (i === 1 ? ([...e.slice(0, 4), 4] as typeof e) : e));
    expect(fingerprintData(makeStore([], changed))).not.toBe(fingerprintData(makeStore([], events)));
  });

  it('handles data without events', () => {
    expect(fingerprintData(makeStore([]))).toMatch(/^1u-0e-no-events-[0-9a-f]{8}$/);
  });
});
