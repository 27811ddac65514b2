import { describe, expect, it } from 'vitest';
import { runWorkers } from './workers';

describe('runWorkers', () => {
  it('reads the kept count, and 1 for records without one or with something that is not a count', () => {
    expect(runWorkers({ workers: 4 })).toBe(4);
    expect(runWorkers({})).toBe(1);
    expect(runWorkers({ workers: 0 })).toBe(1);
    expect(runWorkers({ workers: 2.5 })).toBe(1);
    expect(runWorkers({ workers: '2' as unknown as number })).toBe(1);
  });
});
