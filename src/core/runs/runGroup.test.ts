import { describe, expect, it } from 'vitest';
import { summariseRunGroup } from './runGroup';
import type { BinaryMetrics } from '../evaluation';
import type { RunRecord } from '../runRecord/types';
import type { EpochLog } from '../training/types';

const metrics = (rocAuc: number, accuracy: number): BinaryMetrics => ({
  threshold: 0.5,
  accuracy,
  precision: 0.5,
  recall: 0.5,
  f1: 0.5,
  rocAuc,
  prAuc: 0.5,
  tp: 1,
  fp: 1,
  tn: 1,
  fn: 1,
  n: 4,
});
const epoch = (loss: number): EpochLog => ({
  epoch: 0,
  loss,
  accuracy: 0.5,
  valLoss: loss,
  valAccuracy: 0.5,
  elapsed: 1,
  samplesPerSec: 1,
});

describe('summariseRunGroup', () => {
  it('gives each validation metric as mean ± sd over the repeats and the loss curves as bands', () => {
    const runs = [
      { validation: metrics(0.9, 0.8), epochs: [epoch(0.7), epoch(0.5)], evaluation: null },
      { validation: metrics(0.8, 0.9), epochs: [epoch(0.6)], evaluation: null },
      { validation: metrics(0.7, 0.7), epochs: [epoch(0.8), epoch(0.4)], evaluation: null },
    ] as unknown as RunRecord[];
    const g = summariseRunGroup(runs);
    expect(g.runs).toBe(3);
    expect(g.validation.rocAuc.mean).toBeCloseTo(0.8, 12);
    expect(g.validation.rocAuc.sd).toBeCloseTo(0.1, 12);
    expect(g.truth).toBeNull();
    expect(g.curves.loss.map((p) => p.n)).toEqual([3, 2]);
    expect(g.curves.loss[1].mean).toBeCloseTo(0.45, 12);
  });
});
