import { describe, expect, it } from 'vitest';
import { evaluateRules } from './evaluate';
import { sampleLabelledUsers, sampleMatchedUsers, splitTrainValidation } from './sampling';
import { buildTestStore } from '../../test/testStores';
import { LABEL, MATCH_NEGATIVE, MATCH_POSITIVE, type LabelResult } from './types';

/** A result with `positives` positive users, then `negatives` negative, then 5 conflicts and 5 unlabelled. */
function makeResult(positives: number, negatives: number): LabelResult {
  const codes = [
    ...Array<number>(positives).fill(LABEL.positive),
    ...Array<number>(negatives).fill(LABEL.negative),
    ...Array<number>(5).fill(LABEL.conflict),
    ...Array<number>(5).fill(LABEL.unlabelled),
  ];
  const labels = Uint8Array.from(codes);
  const toMatch = [0, MATCH_POSITIVE, MATCH_NEGATIVE, MATCH_POSITIVE | MATCH_NEGATIVE];
  const matches = Uint8Array.from(codes, (c) => toMatch[c]);
  const counts = {
    positive: positives,
    negative: negatives,
    conflict: 5,
    unlabelled: 5,
    users: codes.length,
    bothSides: 5,
  };
  return { labels, matches, counts, asOfDay: 0, asOf: '1970-01-01', issues: [] };
}

const positiveIds = (r: LabelResult, users: Int32Array) =>
  Array.from(users).filter((u) => r.labels[u] === LABEL.positive);

describe('sampling labelled users', () => {
  const result = makeResult(20, 100);

  it('keeps every labelled user, labelled 1 / 0, when neither balancing nor a cap is on', () => {
    const s = sampleLabelledUsers(result, { balance: false, maxSamples: 0, seed: 1 });
    expect(s.counts).toEqual({ positive: 20, negative: 100 });
    expect(s.users.length).toBe(120);
    for (let i = 0; i < s.users.length; i++) expect(s.labels[i]).toBe(s.users[i] < 20 ? 1 : 0);
  });

  it('down-samples the majority class to the minority size when balancing', () => {
    const s = sampleLabelledUsers(result, { balance: true, maxSamples: 0, seed: 1 });
    expect(s.counts).toEqual({ positive: 20, negative: 20 });
    expect(positiveIds(result, s.users)).toHaveLength(20);
    expect(new Set(s.users).size).toBe(40);
  });

  it('caps the sample while keeping the class ratio', () => {
    const s = sampleLabelledUsers(result, { balance: false, maxSamples: 30, seed: 1 });
    expect(s.counts).toEqual({ positive: 5, negative: 25 });
    expect(s.labels.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = sampleLabelledUsers(result, { balance: true, maxSamples: 0, seed: 7 });
    const b = sampleLabelledUsers(result, { balance: true, maxSamples: 0, seed: 7 });
    const c = sampleLabelledUsers(result, { balance: true, maxSamples: 0, seed: 8 });
    expect(Array.from(a.users)).toEqual(Array.from(b.users));
    expect(Array.from(a.users)).not.toEqual(Array.from(c.users));
  });
});

describe('train / validation split', () => {
  const s = sampleLabelledUsers(makeResult(20, 100), { balance: false, maxSamples: 0, seed: 1 });

  it('puts no user in both parts and loses none', () => {
    const { train, validation } = splitTrainValidation(s.users, s.labels, {
      validationFraction: 0.2,
      seed: 3,
    });
    const trainSet = new Set(train.users);
    expect(Array.from(validation.users).some((u) => trainSet.has(u))).toBe(false);
    expect(train.users.length + validation.users.length).toBe(120);
  });

  it('holds out the same share of each class and keeps labels aligned', () => {
    const { train, validation } = splitTrainValidation(s.users, s.labels, {
      validationFraction: 0.2,
      seed: 3,
    });
    expect(validation.labels.reduce((a, b) => a + b, 0)).toBe(4);
    expect(validation.labels.length).toBe(24);
    for (let i = 0; i < train.users.length; i++) expect(train.labels[i]).toBe(train.users[i] < 20 ? 1 : 0);
  });

  it('is deterministic for a seed and keeps one user of a small class on each side', () => {
    const a = splitTrainValidation(s.users, s.labels, { validationFraction: 0.2, seed: 3 });
    const b = splitTrainValidation(s.users, s.labels, { validationFraction: 0.2, seed: 3 });
    expect(Array.from(a.validation.users)).toEqual(Array.from(b.validation.users));
    const tiny = splitTrainValidation(Int32Array.from([1, 2, 3]), Float32Array.from([1, 1, 0]), {
      validationFraction: 0.1,
      seed: 1,
    });
    expect(Array.from(tiny.validation.labels)).toEqual([1]);
  });

  it('refuses a user listed twice and a fraction outside [0, 1)', () => {
    const users = Int32Array.from([4, 4]);
    const labels = Float32Array.from([1, 0]);
    expect(() => splitTrainValidation(users, labels, { validationFraction: 0.5, seed: 1 })).toThrow(
      'appears twice',
    );
    expect(() => splitTrainValidation(s.users, s.labels, { validationFraction: 1, seed: 1 })).toThrow(
      'below 1',
    );
  });
});

describe('matched users for the preview', () => {
  it('samples only users on the requested side, repeatably', () => {
    const result = makeResult(20, 100);
    const store = buildTestStore([['x', 'c', '2024-01-01', 'click']]);
    const conflicts = sampleMatchedUsers(store, result, 'conflict', 3, 5);
    expect(conflicts).toHaveLength(3);
    for (const u of conflicts) expect(result.labels[u]).toBe(LABEL.conflict);
    expect(sampleMatchedUsers(store, result, 'positive', 50, 5)).toHaveLength(20);
    expect(sampleMatchedUsers(store, result, 'negative', 4, 9)).toEqual(
      sampleMatchedUsers(store, result, 'negative', 4, 9),
    );
  });

  it('finds conflicts even when the policy assigned them to a side', () => {
    const store = buildTestStore([['u', 'c1', '2024-01-01', 'purchase']]);
    const cond = { action: 'purchase' as const, categories: ['c1'], windowMonths: 1, min: 1 };
    const result = evaluateRules(store, {
      positive: { match: 'any', conditions: [cond] },
      negative: { match: 'any', conditions: [cond] },
      onConflict: 'positive',
    });
    expect(result.labels[0]).toBe(LABEL.positive);
    expect(sampleMatchedUsers(store, result, 'conflict', 5, 1)).toEqual([0]);
    expect(sampleMatchedUsers(store, result, 'positive', 5, 1)).toEqual([]);
  });
});
