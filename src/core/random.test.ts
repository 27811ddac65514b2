import { describe, expect, it } from 'vitest';
import { createRandom } from './random';

describe('createRandom', () => {
  it('continues the same stream from a saved state', () => {
    const a = createRandom(7);
    for (let i = 0; i < 5; i++) a();
    const b = createRandom(a.state());
    expect([b(), b(), b()]).toEqual([a(), a(), a()]);
  });
});
