import { describe, expect, it } from 'vitest';
import { isAbortError } from '../events/abort';
import { generateDemo, generateDemoCancellable } from './generate';

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const bytes = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return a.byteLength === b.byteLength && bytes(a).equals(bytes(b));
}

describe('generateDemoCancellable', () => {
  it('pauses between slices and builds exactly the world generateDemo builds', async () => {
    let pauses = 0;
    const world = await generateDemoCancellable(
      { users: 400, seed: 11 },
      { sliceMs: 0, yieldEvery: async () => void pauses++ },
    );
    const plain = generateDemo({ users: 400, seed: 11 });
    // a pause every 64 users (sliceMs 0: always due) plus the last one before the store is finished
    expect(pauses).toBe(Math.ceil(400 / 64) + 1);
    expect(world.store.userIds).toEqual(plain.store.userIds);
    for (const key of ['userStart', 'category', 'day', 'action', 'count'] as const)
      expect(sameBytes(world.store[key], plain.store[key]), key).toBe(true);
    expect(world.truth.stages).toEqual(plain.truth.stages);
  });

  it('stops at the first pause after an abort and rejects with an AbortError', async () => {
    const controller = new AbortController();
    let pauses = 0;
    const run = generateDemoCancellable(
      { users: 2000, seed: 3 },
      {
        sliceMs: 0,
        signal: controller.signal,
        yieldEvery: async () => {
          if (++pauses === 2) controller.abort();
        },
      },
    );
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
    expect((error as Error).message).toBe('Demo generation was cancelled.');
    // 2,000 users would take 33 pauses: the loop ended at the one where the abort happened
    expect(pauses).toBe(2);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      generateDemoCancellable({ users: 10, seed: 1 }, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
