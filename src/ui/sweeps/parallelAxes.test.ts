import { describe, expect, it } from 'vitest';
import type { SweepPointResult } from '../../core/sweeps';
import { aucColour, parallelAxes } from './parallelAxes';

const LABELS = { hidden: 'Hidden size', dropout: 'Dropout', l2: 'L2', learningRate: 'Learning rate' };

function point(index: number, settings: SweepPointResult['settings'], valAuc: number): SweepPointResult {
  return {
    index,
    settings,
    runs: [],
    valAuc,
    valAucSd: 0,
    valAucMin: valAuc,
    valAucMax: valAuc,
    valAucCi95: null,
  };
}

describe('parallel-coordinates axes', () => {
  const points = [
    point(0, { hidden: 16, learningRate: 0.001 }, 0.8),
    point(1, { hidden: 32, learningRate: 0.01 }, 0.9),
    point(2, { hidden: 64, learningRate: 0.1 }, 0.85),
  ];
  const axes = parallelAxes(points, LABELS);

  it('has one axis per swept hyperparameter, in order, then the AUC', () => {
    expect(axes.map((a) => a.label)).toEqual(['Hidden size', 'Learning rate', 'Val ROC AUC']);
  });

  it('spaces a decade-spanning parameter on a log scale and a narrow one linearly', () => {
    const [hidden, rate, auc] = axes;
    expect(points.map((p) => hidden.position(p))).toEqual([0, 1 / 3, 1]);
    expect(rate.position(points[1])).toBeCloseTo(0.5, 12);
    expect(auc.position(points[0])).toBe(0);
    expect(auc.position(points[1])).toBe(1);
    expect(auc.position(points[2])).toBeCloseTo(0.5, 12);
    expect(rate.ticks.map((t) => t.text)).toEqual(['0.001', '0.01', '0.1']);
    expect(auc.ticks.map((t) => t.text)).toEqual(['0.800', '0.900']);
  });

  it('puts every point mid-axis where all share one value, and colours from light to dark', () => {
    const same = parallelAxes([point(0, { dropout: 0.3 }, 0.7), point(1, { dropout: 0.3 }, 0.7)], LABELS);
    expect(same.map((a) => a.position(point(0, { dropout: 0.3 }, 0.7)))).toEqual([0.5, 0.5]);
    expect(aucColour(0)).toBe('rgb(158, 202, 225)');
    expect(aucColour(1)).toBe('rgb(8, 48, 107)');
  });
});
