import { describe, expect, it } from 'vitest';
import { buildBatchPoints, buildEpochPoints, inferBatchesPerEpoch } from './curves';

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
