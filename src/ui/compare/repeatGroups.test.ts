import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/runs';
import { formatMeanSd, groupsOf } from './RepeatGroups';

describe('repeat groups on the Compare screen', () => {
  it('groups the compared runs by their group, leaving out single runs and lone members', () => {
    const run = (id: string, group?: string): RunRecord =>
      ({ id, group: group ? { id: group, mode: 'seeds', index: 0, of: 3 } : undefined }) as RunRecord;
    const runs = [run('a', 'g1'), run('b'), run('c', 'g2'), run('d', 'g1'), run('e', 'g1')];
    expect(groupsOf(runs).map((g) => g.map((r) => r.id))).toEqual([['a', 'd', 'e']]);
  });

  it('writes mean ± sd, a dash for the sd of one run and for no run', () => {
    expect(formatMeanSd({ mean: 0.91234, sd: 0.0126, n: 3 })).toBe('0.912 ± 0.013');
    expect(formatMeanSd({ mean: 0.9, sd: NaN, n: 1 })).toBe('0.900 ± —');
    expect(formatMeanSd({ mean: NaN, sd: NaN, n: 0 })).toBe('—');
  });
});
