import { describe, expect, it } from 'vitest';
import {
  describeBackend,
  estimateRemainingMs,
  formatDuration,
  nextRunName,
  smoothEma,
  smoothEma as ema,
} from './trainProgress';

describe('smoothEma', () => {
  it('with weight 0 returns the values unchanged', () => {
    expect(smoothEma([3, 1, 2], 0)).toEqual([3, 1, 2]);
  });

  it('debiases the first point to the first value and follows TensorBoard after it', () => {
    const out = ema([1, 0], 0.5);
    expect(out[0]).toBeCloseTo(1, 10);
    // last = 0.5*0.5 + 0.5*0 = 0.25, debias 1 - 0.25 = 0.75
    expect(out[1]).toBeCloseTo(0.25 / 0.75, 10);
  });

  it('carries non-finite values through without spoiling the average', () => {
    const out = smoothEma([2, Number.NaN, 2], 0.9);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(2, 10);
  });
});

describe('estimateRemainingMs', () => {
  it('leaves the slow first batch out of the pace', () => {
    // first batch 1,000 ms, then 9 batches of 100 ms
    expect(
      estimateRemainingMs({ batchesDone: 10, totalBatches: 30, elapsedMs: 1900, firstBatchMs: 1000 }),
    ).toBe(2000);
  });

  it('knows nothing before two batches and nothing is left at the end', () => {
    expect(
      estimateRemainingMs({ batchesDone: 1, totalBatches: 30, elapsedMs: 900, firstBatchMs: 900 }),
    ).toBeNull();
    expect(
      estimateRemainingMs({ batchesDone: 30, totalBatches: 30, elapsedMs: 9000, firstBatchMs: 900 }),
    ).toBe(0);
  });
});

describe('formatting', () => {
  it('formats durations as m:ss and h:mm:ss', () => {
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('—');
  });

  it('names runs by kind with the next free number', () => {
    expect(nextRunName('lstm', [])).toBe('lstm #1');
    expect(nextRunName('dual', [{ name: 'shallow #1' }, { name: 'dual #3' }])).toBe('dual #4');
  });

  it('shortens a SwiftShader renderer string', () => {
    expect(
      describeBackend(
        'webgl',
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe('webgl · SwiftShader');
    expect(describeBackend('wasm', null)).toBe('wasm');
  });
});
