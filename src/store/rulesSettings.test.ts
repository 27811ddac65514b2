import { describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../core/labels';
import {
  DEFAULT_FEATURES,
  DEFAULT_SAMPLING,
  featureSpecOptions,
  parseNumberField,
  readSavedRules,
} from './rulesSettings';

/** Through JSON, as the saved settings travel. */
const saveAndRead = (value: unknown) => readSavedRules(JSON.parse(JSON.stringify(value)));

const rules = {
  ...DEMO_RULES,
  positive: {
    match: 'all' as const,
    conditions: [{ action: 'click' as const, categories: ['strollers'], windowMonths: 3, min: 2 }],
  },
};

describe('saved rules and settings', () => {
  it('come back exactly as saved', () => {
    const sampling = { balance: false, maxSamples: 500, seed: 3 };
    const features = { ...DEFAULT_FEATURES, maskRuleCategories: true, topK: 300, transform: 'none' as const };
    const loaded = saveAndRead({ rules, sampling, features });
    expect(loaded.notice).toBeNull();
    expect(loaded.saved).toEqual({ rules, sampling, features });
  });

  it('fall back to the preset with a notice when the saved rules are invalid', () => {
    const broken = { rules: { positive: { conditions: 'x' } } };
    const loaded = saveAndRead(broken);
    expect(loaded.saved.rules).toEqual(DEMO_RULES);
    expect(loaded.notice).toContain('rules.positive.conditions must be an array');
  });

  it('keep valid rules and replace only the unusable settings by their defaults', () => {
    const { saved, notice } = saveAndRead({
      rules,
      sampling: { balance: 'yes', seed: -1 },
      features: { topK: 0, days: 30 },
    });
    expect(notice).toBeNull();
    expect(saved.rules).toEqual(rules);
    expect(saved.sampling).toEqual(DEFAULT_SAMPLING);
    expect(saved.features).toEqual({ ...DEFAULT_FEATURES, days: 30 });
  });

  it('train on every labelled user with class weights by default, and keep a saved class-weights choice', () => {
    expect(DEFAULT_SAMPLING.balance).toBe(false);
    expect(DEFAULT_SAMPLING.classWeights).toBeUndefined();
    const off = { balance: false, classWeights: false, maxSamples: 0, seed: 7 };
    expect(saveAndRead({ rules, sampling: off, features: DEFAULT_FEATURES }).saved.sampling).toEqual(off);
    const odd = { rules, sampling: { classWeights: 'no' } };
    expect(saveAndRead(odd).saved.sampling).toEqual(DEFAULT_SAMPLING);
  });

  it('mean the preset and defaults when nothing was saved', () => {
    expect(readSavedRules(null)).toEqual({
      saved: { rules: DEMO_RULES, sampling: DEFAULT_SAMPLING, features: DEFAULT_FEATURES },
      notice: null,
    });
  });
});

describe('feature options', () => {
  it('mask every rule category, both sides, only when the leakage guard is on', () => {
    const on = featureSpecOptions({ ...DEFAULT_FEATURES, maskRuleCategories: true }, rules);
    expect(on.maskedCategories).toEqual(['strollers', 'high heels', 'cosmetics']);
    expect(on.asOf).toBe('latest');
    const off = featureSpecOptions(DEFAULT_FEATURES, { ...rules, asOf: '2024-01-01' });
    expect(off.maskedCategories).toEqual([]);
    expect(off.asOf).toBe('2024-01-01');
    expect(off).toMatchObject({ topK: 2000, months: 18, days: 90, transform: 'log1p' });
  });
});

describe('number fields', () => {
  it('accept numbers in range and explain anything else', () => {
    expect(parseNumberField(' 12 ', { least: 1, whole: true })).toEqual({ ok: true, value: 12 });
    expect(parseNumberField('2.5', { least: 0, whole: false })).toEqual({ ok: true, value: 2.5 });
    expect(parseNumberField('2.5', { least: 1, whole: true })).toEqual({
      ok: false,
      message: 'Enter a whole number, at least 1.',
    });
    expect(parseNumberField('', { least: 0, whole: false }).ok).toBe(false);
    expect(parseNumberField('0', { least: 1, whole: true }).ok).toBe(false);
    expect(parseNumberField('abc', { least: 0, whole: false }).ok).toBe(false);
  });
});
