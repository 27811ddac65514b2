import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../core/labels';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../core/runs';
import { resetLabStore, useLab } from './index';
import { repeatedRuns } from './trainActions';
import { setRepeats } from './trainSettingsActions';

const setup = { rules: DEMO_RULES, sampling: DEFAULT_SAMPLING, features: DEFAULT_FEATURE_OPTIONS };

beforeEach(() => resetLabStore());

describe('repeats: train with k seeds or k folds', () => {
  it('queues k runs that differ only in the model seed, as one group', () => {
    setRepeats({ mode: 'seeds', k: 3 });
    const taken: { name: string }[] = [{ name: 'shallow #1' }];
    const runs = repeatedRuns('shallow', setup, taken);
    const base = useLab.getState().trainSettings.byKind.shallow;
    expect(runs.map((r) => r.hyperparameters.seed)).toEqual([base.seed, base.seed + 1, base.seed + 2]);
    expect(runs.map((r) => ({ ...r.hyperparameters, seed: 0 }))).toEqual(Array(3).fill({ ...base, seed: 0 }));
    expect(new Set(runs.map((r) => r.group!.id)).size).toBe(1);
    expect(runs.map((r) => [r.group!.mode, r.group!.index, r.group!.of])).toEqual([
      ['seeds', 0, 3],
      ['seeds', 1, 3],
      ['seeds', 2, 3],
    ]);
    expect(new Set(runs.map((r) => r.name)).size).toBe(3);
    expect(taken).toHaveLength(4);
    expect(runs.every((r) => r.setup === setup)).toBe(true);
  });

  it('queues k folds with one seed, one run without a group, and refuses other group sizes', () => {
    setRepeats({ mode: 'folds', k: 5 });
    const folds = repeatedRuns('lstm', setup, []);
    expect(folds.map((r) => r.group!.index)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(folds.map((r) => r.hyperparameters.seed)).size).toBe(1);
    setRepeats({ mode: 'seeds', k: 4 });
    expect(useLab.getState().repeats).toEqual({ mode: 'folds', k: 5 });
    setRepeats({ mode: 'single', k: 7 });
    const one = repeatedRuns('shallow', setup, []);
    expect(one).toHaveLength(1);
    expect(one[0].group).toBeUndefined();
  });
});
