import { describe, expect, it } from 'vitest';
import {
  buildBatchPoints,
  buildEpochPoints,
  downsampleBatchPoints,
  epochTicks,
  inferBatchesPerEpoch,
  lossTicks,
} from './curves';

const batches = [
  { epoch: 0, batch: 0, loss: 0.8, accuracy: 0.5 },
  { epoch: 0, batch: 1, loss: 0.6, accuracy: 0.7 },
  { epoch: 1, batch: 0, loss: 0.4, accuracy: 0.8 },
  { epoch: 1, batch: 1, loss: 0.2, accuracy: 0.9 },
];

describe('training curves', () => {
  it('places batches at fractional epochs and epochs at their end', () => {
    expect(buildBatchPoints(batches, 2, 0).map((p) => p.x)).toEqual([0.5, 1, 1.5, 2]);
    expect(buildBatchPoints(batches, 0, 0).map((p) => p.loss)).toEqual([0.8, 0.6, 0.4, 0.2]);
    expect(inferBatchesPerEpoch(batches)).toBe(2);
    const epochs = buildEpochPoints([
      {
        epoch: 0,
        loss: 0.7,
        accuracy: 0.6,
        valLoss: Number.NaN,
        valAccuracy: 0.5,
        elapsed: 1,
        samplesPerSec: 10,
      },
    ]);
    expect(epochs).toEqual([{ x: 1, loss: 0.7, valLoss: null, accuracy: 0.6, valAccuracy: 0.5 }]);
  });
});

describe('chart economy', () => {
  const points = Array.from({ length: 1001 }, (_, i) => ({
    x: i / 100,
    loss: 1 - i / 1000,
    accuracy: i / 1000,
  }));

  it('keeps short series as they are and thins long ones to the limit, keeping the newest point', () => {
    expect(downsampleBatchPoints(points.slice(0, 10), 300)).toEqual(points.slice(0, 10));
    const thin = downsampleBatchPoints(points, 300);
    expect(thin).toHaveLength(300);
    expect(thin[thin.length - 1]).toEqual(points[1000]);
    // bucket means: the first bucket covers points 0..2 (1000 / 299 ≈ 3.34 a bucket)
    expect(thin[0].accuracy).toBeCloseTo(0.001, 6);
    expect(thin.every((p, i) => i === 0 || p.x > thin[i - 1].x)).toBe(true);
  });

  it('gives round epoch ticks up to the last epoch', () => {
    expect(epochTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(epochTicks(30)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(epochTicks(7)).toEqual([0, 2, 4, 6]);
  });

  it('gives round loss ticks from zero past the highest value', () => {
    expect(lossTicks([0.69, 0.4, Number.NaN])).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(lossTicks([])).toEqual([0, 1]);
    expect(lossTicks([2.3])).toEqual([0, 1, 2, 3]);
  });
});
