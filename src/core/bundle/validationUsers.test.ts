import { describe, expect, it } from 'vitest';
import { BundleError } from './errors';
import { checkBundleValidation, validationForBundle, validationFromBundle } from './validationUsers';

describe('validation users in a bundle', () => {
  const ids = ['u0', 'u1', 'u2', 'u3'];
  const page = {
    users: Int32Array.from([3, 1]),
    labels: Float32Array.from([1, 0]),
    scores: Float32Array.from([0.875, NaN]),
  };

  it('travel by user id and come back as the store indices of the page they are dropped into', () => {
    const kept = validationForBundle(page, ids);
    expect(kept).toEqual({ userIds: ['u3', 'u1'], labels: [1, 0], scores: [0.875, null] });
    const json = JSON.parse(JSON.stringify(kept));
    const other = validationFromBundle(checkBundleValidation(json), ['u1', 'x', 'u3']);
    expect(Array.from(other.users)).toEqual([2, 0]);
    expect(Array.from(other.labels)).toEqual([1, 0]);
    expect(other.scores[0]).toBe(0.875);
    expect(other.scores[1]).toBeNaN();
  });

  it('give users the loaded data lacks (or no data at all) placeholders that match no store index', () => {
    const kept = validationForBundle(page, ids);
    expect(Array.from(validationFromBundle(kept, ['u3']).users)).toEqual([0, -2]);
    expect(Array.from(validationFromBundle(kept, null).users)).toEqual([-1, -2]);
  });

  it('refuse lists of different lengths, labels other than 0/1 and scores outside [0, 1]', () => {
    for (const bad of [
      { userIds: ['a'], labels: [1, 0], scores: [0.5] },
      { userIds: ['a'], labels: [2], scores: [0.5] },
      { userIds: ['a'], labels: [1], scores: [7] },
      { userIds: [1], labels: [1], scores: [0.5] },
      'validation',
    ]) {
      expect(() => checkBundleValidation(bad)).toThrow(BundleError);
      expect(() => checkBundleValidation(bad)).toThrow(/three lists of equal length/);
    }
  });
});
