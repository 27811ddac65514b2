import { describe, expect, it } from 'vitest';
import { batchSizeAt, createBatchThrottle, type BatchProgress } from './trainThrottle';

describe('batch throttle', () => {
  it('emits at most once per interval, loses no batch, and flush sends the rest', () => {
    let now = 0;
    const sent: BatchProgress[] = [];
    const throttle = createBatchThrottle({ intervalMs: 100, now: () => now, emit: (p) => sent.push(p) });
    for (let b = 0; b < 10; b++) {
      now += 30;
      throttle.push({ epoch: 0, batch: b, loss: 1, accuracy: 0.5 }, 64);
    }
    throttle.flush();
    throttle.flush();
    expect(sent.map((p) => p.logs.length)).toEqual([1, 4, 4, 1]);
    expect(sent.flatMap((p) => p.logs.map((l) => l.batch))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sent[3]).toMatchObject({ batchesDone: 10, samplesDone: 640, elapsedMs: 300, firstBatchMs: 30 });
  });

  it('sizes the last short batch', () => {
    expect([0, 1, 2, 3].map((b) => batchSizeAt(b, 150, 64))).toEqual([64, 64, 22, 0]);
  });
});
