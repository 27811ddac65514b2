import { describe, expect, it } from 'vitest';
import { alignOnSharedUsers } from './align';

describe('alignOnSharedUsers', () => {
  it('keeps the users both runs scored, pairing each score with the same user', () => {
    const a = { users: [5, 1, 9, 3], scores: [0.5, 0.1, 0.9, 0.3], labels: [1, 0, 1, 0] };
    const b = { users: [3, 9, 7], scores: [0.33, 0.99, 0.77], labels: [0, 1, 1] };
    const r = alignOnSharedUsers(a, b);
    expect(Array.from(r.users)).toEqual([9, 3]);
    expect(Array.from(r.scoresA)).toEqual([0.9, 0.3]);
    expect(Array.from(r.scoresB)).toEqual([0.99, 0.33]);
    expect(Array.from(r.labels)).toEqual([1, 0]);
    expect(r.dropped).toEqual({ a: 2, b: 1 });
    expect(() => alignOnSharedUsers(a, { users: [9], scores: [0.1], labels: [0] })).toThrow(
      /different labels/,
    );
  });
});
