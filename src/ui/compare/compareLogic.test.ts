import { describe, expect, it } from 'vitest';
import { makeEpochLog, makeRecord } from '../../test/runStorageFixtures';
import {
  colourRuns,
  describeClicksOnly,
  diffSettings,
  formatMetric,
  isComparable,
  formatRateEstimate,
  mergeEpochSeries,
  summariseRules,
} from './compareLogic';

describe('rates with their intervals', () => {
  it('write a Wilson interval in percent, and the bare rate when the interval is undefined', () => {
    expect(formatRateEstimate({ value: 0.123, ci95: [0.081, 0.17] })).toBe('12.3% [8.1%, 17.0%]');
    expect(formatRateEstimate({ value: NaN, ci95: [NaN, NaN] })).toBe('—');
  });
});

describe('settings side by side', () => {
  it('flags exactly the settings that differ between runs', () => {
    const a = makeRecord('a');
    const b = makeRecord('b', {
      kind: 'lstm',
      hyperparameters: { ...a.hyperparameters, dropout: 0.5 },
      featureSpec: { ...a.featureSpec, maskedCategories: ['c1'] },
    });
    const rows = diffSettings([a, b]);
    const differing = rows.filter((r) => r.differs).map((r) => r.label);
    expect(differing).toEqual(['model', 'projection', 'dropout', 'leakage guard']);
    expect(rows.find((r) => r.label === 'dropout')!.values).toEqual(['0.2', '0.5']);
    expect(rows.find((r) => r.label === 'hidden units')!.differs).toBe(false);
  });

  it('shows the workers a run trained on, reading a record from before they were kept as 1', () => {
    const old = makeRecord('a');
    delete old.workers;
    const rows = diffSettings([old, makeRecord('b', { workers: 1 }), makeRecord('c', { workers: 2 })]);
    const workers = rows.find((r) => r.label === 'workers')!;
    expect(workers.values).toEqual(['1', '1', '2']);
    expect(workers.differs).toBe(true);
    expect(
      diffSettings([old, makeRecord('b', { workers: 1 })]).find((r) => r.label === 'workers')!.differs,
    ).toBe(false);
  });

  it('summarises the rules as one line per side', () => {
    const run = makeRecord('a', {
      rules: {
        positive: {
          match: 'any',
          conditions: [{ action: 'purchase', categories: ['maternity wear'], windowMonths: 12, min: 5 }],
        },
        negative: { match: 'all', conditions: [] },
        onConflict: 'drop',
      },
    });
    expect(summariseRules(run)).toBe('+ purchase maternity wear ≥ 5 in 12 mo · − none');
  });
});

describe('chart series and colours', () => {
  it('merges epoch curves by epoch number, leaving gaps for shorter runs', () => {
    const a = makeRecord('a', { epochs: [makeEpochLog(0), { ...makeEpochLog(1), valAccuracy: 0.9 }] });
    const b = makeRecord('b', { epochs: [{ ...makeEpochLog(0), valAccuracy: 0.6 }] });
    expect(mergeEpochSeries([a, b], (e) => e.valAccuracy)).toEqual([
      { epoch: 1, a: 0.7, b: 0.6 },
      { epoch: 2, a: 0.9 },
    ]);
  });

  it('gives each run the colour of its place among all runs, so a selection never recolours it', () => {
    const all = colourRuns([{ id: 'x' }, { id: 'y' }, { id: 'z' }]);
    expect(all.z).not.toBe(all.y);
    expect(colourRuns([{ id: 'x' }, { id: 'y' }, { id: 'z' }]).z).toBe(all.z);
  });

  it('only finished runs with epochs are comparable; undefined metrics read as a dash', () => {
    expect(isComparable(makeRecord('a', { epochs: [makeEpochLog(0)] }))).toBe(true);
    expect(isComparable(makeRecord('a', { status: 'interrupted', epochs: [makeEpochLog(0)] }))).toBe(true);
    expect(isComparable(makeRecord('a', { status: 'failed', epochs: [makeEpochLog(0)] }))).toBe(false);
    expect(isComparable(makeRecord('a', { status: 'done', epochs: [] }))).toBe(false);
    expect([formatMetric(NaN), formatMetric(null), formatMetric(0.81234)]).toEqual(['—', '—', '0.812']);
  });

  it('words the purchases-erased test by the AUC left without purchases', () => {
    expect(describeClicksOnly(0.5)).toBe('Cannot work from clicks alone (AUC 0.50 without purchases)');
    expect(describeClicksOnly(0.81)).toBe('Works from clicks alone (AUC 0.81 without purchases)');
    expect(describeClicksOnly(NaN)).toContain('cannot judge');
  });
});
