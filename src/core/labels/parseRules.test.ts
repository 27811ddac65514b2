import { describe, expect, it } from 'vitest';
import { DEMO_RULES, parseRuleSet } from './parseRules';

const valid = JSON.parse(JSON.stringify(DEMO_RULES)) as Record<string, unknown>;

/** The rules as plain JSON, so a test can put wrong values anywhere. */
interface LooseSide {
  match?: unknown;
  conditions: Record<string, unknown>[];
}
interface LooseRules {
  positive: LooseSide;
  negative: LooseSide;
  onConflict?: unknown;
}

function withChange(change: (r: LooseRules) => void): unknown {
  const copy = JSON.parse(JSON.stringify(valid)) as LooseRules;
  change(copy);
  return copy;
}

describe('parseRuleSet', () => {
  it('reads the demo preset back unchanged, and the DESIGN.md example', () => {
    expect(parseRuleSet(valid)).toEqual(DEMO_RULES);
    expect(parseRuleSet({ ...valid, asOf: '2024-03-01' }).asOf).toBe('2024-03-01');
  });

  it('fills in "any" and "drop" when match and onConflict are left out', () => {
    const parsed = parseRuleSet(
      withChange((r) => {
        delete r.positive.match;
        delete r.onConflict;
      }),
    );
    expect(parsed.positive.match).toBe('any');
    expect(parsed.onConflict).toBe('drop');
  });

  it('names the path and the expectation for each kind of mistake', () => {
    expect(() => parseRuleSet('rules')).toThrow('Invalid rules: rules must be an object, got "rules".');
    expect(() => parseRuleSet({ ...valid, negative: undefined })).toThrow(
      'rules.negative must be an object, got nothing',
    );
    expect(() => parseRuleSet(withChange((r) => (r.positive.match = 'some')))).toThrow(
      'rules.positive.match must be one of "any", "all", got "some"',
    );
    expect(() => parseRuleSet(withChange((r) => (r.positive.conditions[0].action = 'buy')))).toThrow(
      'rules.positive.conditions[0].action must be one of "purchase", "click", got "buy"',
    );
    expect(() =>
      parseRuleSet(withChange((r) => (r.negative.conditions[0].categories = 'cosmetics'))),
    ).toThrow('rules.negative.conditions[0].categories must be an array of category names or ids (strings)');
    expect(() => parseRuleSet(withChange((r) => (r.negative.conditions[0].min = -1)))).toThrow(
      'rules.negative.conditions[0].min must be a number at least 0, got -1',
    );
    expect(() => parseRuleSet(withChange((r) => (r.negative.conditions[0].windowMonths = 0.5)))).toThrow(
      'rules.negative.conditions[0].windowMonths must be a whole number of months, at least 1, got 0.5',
    );
    expect(() => parseRuleSet(withChange((r) => (r.onConflict = 'keep')))).toThrow(
      'rules.onConflict must be one of "drop", "positive", "negative", got "keep"',
    );
    expect(() => parseRuleSet({ ...valid, asOf: '1 March' })).toThrow(
      'rules.asOf must be a date as YYYY-MM-DD',
    );
    expect(() => parseRuleSet({ ...valid, asOf: '2024-02-30' })).toThrow(
      'rules.asOf must be a real calendar date as YYYY-MM-DD, got "2024-02-30"',
    );
  });
});
