import { describe, expect, it } from 'vitest';
import { isAbortError } from '../events/abort';
import { generateDemo } from '../synthetic';
import { evaluateRules, evaluateRulesCancellable } from './evaluate';
import { DEMO_RULES } from './parseRules';

const store = generateDemo({ users: 1000, seed: 9 }).store;

describe('evaluateRulesCancellable', () => {
  it('matches users chunk by chunk to exactly the labels evaluateRules gives', async () => {
    let pauses = 0;
    const chunked = await evaluateRulesCancellable(store, DEMO_RULES, {
      usersPerPause: 300,
      yieldEvery: async () => void pauses++,
    });
    const whole = evaluateRules(store, DEMO_RULES);
    expect(pauses).toBe(4);
    expect(chunked.counts).toEqual(whole.counts);
    expect(chunked.counts.positive).toBeGreaterThan(0);
    expect(Array.from(chunked.labels)).toEqual(Array.from(whole.labels));
    expect(chunked.issues).toEqual(whole.issues);
  });

  it('stops at the pause after an abort, before the next chunk of users', async () => {
    const controller = new AbortController();
    let pauses = 0;
    const error = await evaluateRulesCancellable(store, DEMO_RULES, {
      usersPerPause: 100,
      signal: controller.signal,
      yieldEvery: async () => {
        if (++pauses === 3) controller.abort();
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
    expect((error as Error).message).toBe('The rule evaluation was cancelled.');
    // ten chunks of 100 users: the loop ended at the third pause
    expect(pauses).toBe(3);
  });
});
