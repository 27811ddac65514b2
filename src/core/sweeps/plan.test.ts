import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import { parseSweepSpace, planSweep } from './plan';

const base = { ...DEFAULT_HYPERPARAMETERS.lstm, seed: 10 };

describe('planning a grid sweep', () => {
  it('lists every combination in order, repeats each with consecutive seeds, and keeps the rest of the base', () => {
    const plan = planSweep(base, { space: { hidden: [16, 32], dropout: [0, 0.3] }, repeats: 2 });
    expect(plan.points.map((p) => p.settings)).toEqual([
      { hidden: 16, dropout: 0 },
      { hidden: 16, dropout: 0.3 },
      { hidden: 32, dropout: 0 },
      { hidden: 32, dropout: 0.3 },
    ]);
    expect(plan.runs).toHaveLength(8);
    expect(plan.runs.slice(0, 2).map((r) => [r.point, r.repeat, r.hyperparameters.seed])).toEqual([
      [0, 0, 10],
      [0, 1, 11],
    ]);
    expect(plan.points[3].hyperparameters).toEqual({ ...base, hidden: 32, dropout: 0.3 });
  });

  it('refuses values a model cannot take, naming the parameter', () => {
    expect(() => planSweep(base, { space: { dropout: [0, 1] } })).toThrow(/dropout must be in \[0, 1\)/);
    expect(() => planSweep(base, { space: { hidden: [8.5] } })).toThrow(/hidden must be a whole number/);
    expect(() => planSweep(base, { space: { learningRate: [0] } })).toThrow(/learningRate must be > 0/);
    expect(() => planSweep(base, { space: { l2: { min: 0, max: 1 } }, mode: 'random' })).toThrow(/log scale/);
    expect(() => planSweep(base, { space: { hidden: { min: 8, max: 64 } } })).toThrow(
      /ranges are for random/,
    );
    expect(() => planSweep(base, { space: { hidden: [8] }, repeats: 0 })).toThrow(/repeats/);
  });
});

describe('planning a random sweep', () => {
  it('draws distinct combinations of listed values, the same ones for the same seed', () => {
    const space = { hidden: [8, 16, 32], dropout: [0, 0.2, 0.4], l2: [0, 1e-4] };
    const a = planSweep(base, { space, mode: 'random', samples: 5, seed: 1 });
    const b = planSweep(base, { space, mode: 'random', samples: 5, seed: 1 });
    const c = planSweep(base, { space, mode: 'random', samples: 5, seed: 2 });
    expect(a.points.map((p) => p.settings)).toEqual(b.points.map((p) => p.settings));
    expect(a.points.map((p) => p.settings)).not.toEqual(c.points.map((p) => p.settings));
    expect(new Set(a.points.map((p) => JSON.stringify(p.settings))).size).toBe(5);
    expect(planSweep(base, { space: { hidden: [8, 16] }, mode: 'random', samples: 9 }).points).toHaveLength(
      2,
    );
  });

  it('draws ranges inside their bounds, log-uniform for the learning rate, whole numbers for hidden', () => {
    const plan = planSweep(base, {
      space: { learningRate: { min: 1e-4, max: 1e-1 }, hidden: { min: 8, max: 64 } },
      mode: 'random',
      samples: 200,
      seed: 3,
    });
    const rates = plan.points.map((p) => p.settings.learningRate!);
    expect(rates.every((r) => r >= 1e-4 && r <= 1e-1)).toBe(true);
    // log-uniform: about a third of the draws fall in each decade
    expect(rates.filter((r) => r < 1e-3).length).toBeGreaterThan(40);
    expect(rates.filter((r) => r >= 1e-2).length).toBeGreaterThan(40);
    const hidden = plan.points.map((p) => p.settings.hidden!);
    expect(hidden.every((h) => Number.isInteger(h) && h >= 8 && h <= 64)).toBe(true);
  });
});

describe('parsing name=values', () => {
  it('reads lists and ranges, with lr as the learning rate', () => {
    expect(parseSweepSpace(['hidden=16,32', 'dropout=0,0.3', 'lr=0.001:0.1', 'l2=0'])).toEqual({
      hidden: [16, 32],
      dropout: [0, 0.3],
      learningRate: { min: 0.001, max: 0.1 },
      l2: [0],
    });
  });

  it('refuses unknown names and malformed entries', () => {
    expect(() => parseSweepSpace(['epochs=3'])).toThrow(/Cannot sweep "epochs"/);
    expect(() => parseSweepSpace(['hidden'])).toThrow(/not name=values/);
    expect(() => planSweep(base, { space: parseSweepSpace(['hidden=16,']) })).toThrow(
      /hidden must be a number/,
    );
  });
});
