import { describe, expect, it } from 'vitest';
import { generateDemo } from '../synthetic';
import { evaluateRules } from './evaluate';
import { DEMO_RULES } from './parseRules';
import { ruleConditionsPerUser } from './provenance';
import { LABEL } from './types';

describe('ruleConditionsPerUser', () => {
  it("names the conditions of each labelled user's side that hold for it, and none for the others", () => {
    const world = generateDemo({ users: 600, seed: 2 });
    const labels = evaluateRules(world.store, DEMO_RULES);
    const conditions = ruleConditionsPerUser(world.store, DEMO_RULES, labels);
    let positives = 0;
    labels.labels.forEach((code, u) => {
      if (code === LABEL.positive) {
        positives++;
        expect(conditions[u].length).toBeGreaterThan(0);
        expect(conditions[u].every((c) => c.startsWith('positive #'))).toBe(true);
      } else if (code === LABEL.negative) {
        expect(conditions[u].length).toBeGreaterThan(0);
        expect(conditions[u].every((c) => c.startsWith('negative #'))).toBe(true);
      } else expect(conditions[u]).toEqual([]);
    });
    expect(positives).toBeGreaterThan(0);
  });
});
