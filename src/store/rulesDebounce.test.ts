import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLatestRunner } from './rulesDebounce';

/** The newest-wins check the store's beginLatest gives, without a store. */
function localLatest(): () => () => boolean {
  let newest = 0;
  return () => {
    const mine = ++newest;
    return () => mine === newest;
  };
}

describe('latest runner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once after edits pause, with the state of the last edit', async () => {
    let value = 0;
    const runs: number[] = [];
    const results: number[] = [];
    const runner = createLatestRunner({
      delayMs: 150,
      run: async () => {
        runs.push(value);
        return value * 10;
      },
      onResult: (r) => results.push(r),
      onError: () => {},
      begin: localLatest(),
    });
    for (value = 1; value <= 3; value++) {
      runner.schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(runs).toEqual([]);
    expect(runner.busy).toBe(true);
    await vi.advanceTimersByTimeAsync(150);
    expect(runs).toEqual([4]);
    expect(results).toEqual([40]);
    expect(runner.busy).toBe(false);
  });

  it('drops a slow result once a newer run was scheduled', async () => {
    const resolvers: ((v: string) => void)[] = [];
    const results: string[] = [];
    const runner = createLatestRunner<string>({
      delayMs: 10,
      run: () => new Promise((resolve) => resolvers.push(resolve)),
      onResult: (r) => results.push(r),
      onError: () => {},
      begin: localLatest(),
    });
    runner.runNow();
    runner.schedule();
    await vi.advanceTimersByTimeAsync(10);
    expect(resolvers).toHaveLength(2);
    resolvers[1]('new');
    resolvers[0]('old');
    await vi.advanceTimersByTimeAsync(0);
    expect(results).toEqual(['new']);
  });

  it('reports the error of the latest run only, and nothing after cancel', async () => {
    const errors: unknown[] = [];
    const runner = createLatestRunner({
      delayMs: 5,
      run: async () => {
        throw new Error('worker down');
      },
      onResult: () => {},
      onError: (e) => errors.push(e),
      begin: localLatest(),
    });
    runner.runNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors.map((e) => (e as Error).message)).toEqual(['worker down']);
    runner.schedule();
    runner.cancel();
    await vi.advanceTimersByTimeAsync(50);
    expect(errors).toHaveLength(1);
  });
});
