import { describe, expect, it } from 'vitest';
import { planJobWorkers, storeCopyBytes } from './workerBudget';
import { FALLBACK_BUDGET_BYTES } from '../../events/memoryEstimate';
import type { EventStore } from '../../events/types';

const MB = 1024 ** 2;

function storeOf(events: number, users: number): EventStore {
  return {
    userIds: Array.from({ length: users }, (_, i) => `u${i}`),
    categoryIds: ['a', 'bb'],
    categoryNames: ['Alpha', 'Beta'],
    userStart: new Uint32Array(users + 1),
    category: new Uint32Array(events),
    day: new Int32Array(events),
    action: new Uint8Array(events),
    count: new Float32Array(events),
    minDay: 0,
    maxDay: 1,
  };
}

describe('storeCopyBytes', () => {
  it('counts the typed arrays and the strings', () => {
    const store = storeOf(1000, 10);
    const arrays = 11 * 4 + 1000 * (4 + 4 + 1 + 4);
    // u0..u9: 2 chars each; a, bb, Alpha, Beta; 16 B overhead per string
    const text = 10 * (2 * 2 + 16) + (2 + 16) + (4 + 16) + (10 + 16) + (8 + 16);
    expect(storeCopyBytes(store)).toBe(arrays + text);
  });
});

describe('planJobWorkers', () => {
  it('keeps every worker asked for when the copies fit', () => {
    expect(planJobWorkers(7, 10 * MB, { deviceMemory: 8 })).toEqual({ workers: 7, notice: null });
  });

  it('caps the workers to the copies that fit beside the lab worker’s store, and says why', () => {
    // 8 GiB device: 2 GiB for data; a 600 MB store leaves room for 2 copies beside its own
    const plan = planJobWorkers(7, 600 * MB, { deviceMemory: 8 });
    expect(plan.workers).toBe(2);
    expect(plan.notice).toContain('Ran on 2 of the 7 workers');
    expect(plan.notice).toContain('600 MB');
    expect(plan.notice).toContain('2,048 MB');
    expect(plan.notice).toContain('device memory');
  });

  it('falls back to one worker (no copy) when not even one copy fits, on the fixed budget when nothing is known', () => {
    const plan = planJobWorkers(3, FALLBACK_BUDGET_BYTES * 0.6, {});
    expect(plan.workers).toBe(1);
    expect(plan.notice).toContain('fixed budget');
  });

  it('asks nothing of one worker', () => {
    expect(planJobWorkers(1, 10 ** 12, {})).toEqual({ workers: 1, notice: null });
  });
});
