// The settings that travel with the rules to training: how labelled users are sampled and how model inputs are
// built (the leakage guard among them). Pure: defaults, reading a save back (validated), the feature options.

import type { FeatureSpecOptions } from '../core/features';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING, type FeatureOptions } from '../core/runs';
import { DEMO_RULES, parseRuleSet, type RuleSet, type SampleOptions } from '../core/labels';
import { describeError } from '../core/errors';

export type SamplingSettings = SampleOptions;

/** The core's feature options (maskRuleCategories is the leakage guard). */
export type FeatureSettings = FeatureOptions;

/** Defined once, in the core: the CLI trains with the same defaults. */
export { DEFAULT_SAMPLING };

export const DEFAULT_FEATURES: FeatureSettings = { ...DEFAULT_FEATURE_OPTIONS };

/** The rules and the settings that travel with them, as saved in this browser. */
export interface SavedRules {
  rules: RuleSet;
  sampling: SamplingSettings;
  features: FeatureSettings;
}

export interface LoadedRules {
  saved: SavedRules;
  /** set when something saved could not be used and defaults were put in its place */
  notice: string | null;
}

/** Reads saved values; unusable rules fall back to the preset (with a notice), unusable settings to their defaults. */
export function readSavedRules(value: unknown): LoadedRules {
  const preset: SavedRules = { rules: DEMO_RULES, sampling: DEFAULT_SAMPLING, features: DEFAULT_FEATURES };
  if (value === null || value === undefined) return { saved: preset, notice: null };
  const root = (typeof value === 'object' ? value : {}) as Record<string, unknown>;
  try {
    const rules = parseRuleSet(root.rules);
    return {
      saved: { rules, sampling: readSampling(root.sampling), features: readFeatures(root.features) },
      notice: null,
    };
  } catch (error) {
    const reason = describeError(error);
    return {
      saved: preset,
      notice: `The rules saved in this browser could not be used (${reason}); the preset rules are shown.`,
    };
  }
}

function isWhole(v: unknown, least: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= least;
}

function readSampling(value: unknown): SamplingSettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const sampling: SamplingSettings = {
    balance: typeof v.balance === 'boolean' ? v.balance : DEFAULT_SAMPLING.balance,
    maxSamples: isWhole(v.maxSamples, 0) ? v.maxSamples : DEFAULT_SAMPLING.maxSamples,
    seed: isWhole(v.seed, 0) ? v.seed : DEFAULT_SAMPLING.seed,
  };
  if (typeof v.classWeights === 'boolean') sampling.classWeights = v.classWeights;
  return sampling;
}

function readFeatures(value: unknown): FeatureSettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    maskRuleCategories:
      typeof v.maskRuleCategories === 'boolean' ? v.maskRuleCategories : DEFAULT_FEATURES.maskRuleCategories,
    topK: isWhole(v.topK, 1) ? v.topK : DEFAULT_FEATURES.topK,
    months: isWhole(v.months, 1) ? v.months : DEFAULT_FEATURES.months,
    days: isWhole(v.days, 1) ? v.days : DEFAULT_FEATURES.days,
    transform: v.transform === 'none' || v.transform === 'log1p' ? v.transform : DEFAULT_FEATURES.transform,
  };
}

/** Every category the rules name, either side, as written (the feature spec resolves names and ids). */
export function ruleCategoryNames(rules: RuleSet): string[] {
  const all = [...rules.positive.conditions, ...rules.negative.conditions].flatMap((c) => c.categories);
  return [...new Set(all)];
}

/** The options buildFeatureSpec takes for these settings; the leakage guard masks every rule category. */
export function featureSpecOptions(features: FeatureSettings, rules: RuleSet): FeatureSpecOptions {
  return {
    topK: features.topK,
    months: features.months,
    days: features.days,
    transform: features.transform,
    asOf: rules.asOf ?? 'latest',
    maskedCategories: features.maskRuleCategories ? ruleCategoryNames(rules) : [],
  };
}

/** Reading a number field: the value, or the message to show beside the field while the text is not usable. */
export type NumberParse = { ok: true; value: number } | { ok: false; message: string };

export function parseNumberField(
  text: string,
  options: { least: number; most?: number; whole: boolean },
): NumberParse {
  const trimmed = text.trim();
  const what = options.whole ? 'a whole number' : 'a number';
  const { least, most } = options;
  const hint =
    most === undefined ? `Enter ${what}, at least ${least}.` : `Enter ${what} from ${least} to ${most}.`;
  if (trimmed === '') return { ok: false, message: hint };
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < least || (most !== undefined && value > most))
    return { ok: false, message: hint };
  if (options.whole && !Number.isInteger(value)) return { ok: false, message: hint };
  return { ok: true, value };
}
