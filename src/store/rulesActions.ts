// Rules actions as plain functions: edits to the rules and settings (the store's persist saves them), the live
// evaluation in the worker (debounced, latest wins), import / export / reset, and `getTrainingSetup` for the Train screen.

import type { FeatureSpecOptions } from '../core/features';
import { DEMO_RULES, parseRuleSet, type LabelCounts, type RuleSet } from '../core/labels';
import { getLabClient, type LabClient } from '../worker/client';
import type { RulesEvaluation } from '../worker/protocol/rulesMessages';
import { useLab } from './index';
import { beginLatest } from './latest';
import { createLatestRunner, type LatestRunner } from './rulesDebounce';
import * as draftOps from './rulesDraft';
import type { ConditionChange, RulesDraft, SideName } from './rulesDraft';
import { featureSpecOptions, type FeatureSettings, type SamplingSettings } from './rulesSettings';
import type { PreviewTab } from './rulesSlice';
import { describeError } from '../core/errors';

/** Quiet period after the last keystroke before the rules are evaluated again. */
export const EVALUATE_DELAY_MS = 150;
export const PREVIEW_SIZE = 6;

const set = useLab.setState;
const get = useLab.getState;

function evaluationRequest() {
  const { rulesDraft, sampling, features, previewSeed } = get();
  const rules = draftOps.ruleSetFromDraft(rulesDraft);
  return {
    rules,
    sampling,
    features: featureSpecOptions(features, rules),
    preview: { size: PREVIEW_SIZE, seed: previewSeed },
  };
}

function ensureRunner(client: LabClient): LatestRunner {
  const current = get().rulesRunner;
  if (current?.client === client) return current.runner;
  current?.runner.cancel();
  const runner = createLatestRunner<RulesEvaluation>({
    delayMs: EVALUATE_DELAY_MS,
    run: () => client.request('rules/evaluate', evaluationRequest()),
    onResult: (evaluation) => set({ evaluation, evaluating: false, rulesError: null }),
    onError: (error) =>
      set({ evaluating: false, rulesError: `Could not evaluate the rules: ${describeError(error)}` }),
    begin: () => beginLatest('rulesEvaluation'),
  });
  set({ rulesRunner: { client, runner } });
  return runner;
}

/** Evaluates after the quiet period; a no-op until the Rules screen has connected to the worker. */
function scheduleEvaluation(): void {
  const runner = get().rulesRunner?.runner;
  if (!runner || get().catalog === null) return;
  set({ evaluating: true });
  runner.schedule();
}

function commit(
  change: Partial<{ rulesDraft: RulesDraft; sampling: SamplingSettings; features: FeatureSettings }>,
) {
  set(change);
  scheduleEvaluation();
}

function editDraft(edit: (draft: RulesDraft) => RulesDraft): void {
  commit({ rulesDraft: edit(get().rulesDraft) });
}

/** Opens the Rules screen on the loaded dataset: loads its categories once, then evaluates straight away. */
export async function openRules(client: LabClient = getLabClient()): Promise<void> {
  const loadedAt = get().dataset?.loadedAt;
  if (!loadedAt) return;
  const live = ensureRunner(client);
  if (get().catalog?.forLoadedAt !== loadedAt) {
    try {
      const catalog = await client.request('rules/catalog', {});
      set({ catalog: { ...catalog, forLoadedAt: loadedAt }, evaluation: null });
    } catch (error) {
      set({ rulesError: `Could not read the dataset's categories: ${describeError(error)}` });
      return;
    }
  }
  set({ evaluating: true });
  live.runNow();
}

export const addRuleCondition = (side: SideName) => editDraft((d) => draftOps.addCondition(d, side));
export const removeRuleCondition = (side: SideName, key: number) =>
  editDraft((d) => draftOps.removeCondition(d, side, key));
export const changeRuleCondition = (side: SideName, key: number, change: ConditionChange) =>
  editDraft((d) => draftOps.changeCondition(d, side, key, change));
export const setRuleMatch = (side: SideName, match: 'any' | 'all') =>
  editDraft((d) => draftOps.setSideMatch(d, side, match));
export const setConflictPolicy = (onConflict: RulesDraft['onConflict']) =>
  editDraft((d) => ({ ...d, onConflict }));
/** '' = the default as-of date (the day after the latest event) */
export const setAsOf = (asOf: string) => editDraft((d) => ({ ...d, asOf }));

function categoriesOf(side: SideName, key: number): string[] {
  return get().rulesDraft[side].conditions.find((c) => c.key === key)?.categories ?? [];
}

export function addConditionCategory(side: SideName, key: number, category: string): void {
  changeRuleCondition(side, key, { categories: draftOps.addCategory(categoriesOf(side, key), category) });
}

export function removeConditionCategory(side: SideName, key: number, category: string): void {
  changeRuleCondition(side, key, { categories: draftOps.removeCategory(categoriesOf(side, key), category) });
}

/** Applies a "did you mean" suggestion: the unknown name is replaced in the condition that wrote it. */
export function replaceConditionCategory(side: SideName, index: number, from: string, to: string): void {
  const condition = get().rulesDraft[side].conditions[index];
  if (!condition) return;
  changeRuleCondition(side, condition.key, {
    categories: draftOps.replaceCategory(condition.categories, from, to),
  });
}

export function setSampling(change: Partial<SamplingSettings>): void {
  commit({ sampling: { ...get().sampling, ...change } });
}

export function setFeatures(change: Partial<FeatureSettings>): void {
  commit({ features: { ...get().features, ...change } });
}

export function setPreviewTab(previewTab: PreviewTab): void {
  set({ previewTab });
}

/** Draws another sample of matched users. */
export function reshufflePreview(): void {
  set({ previewSeed: get().previewSeed + 1 });
  scheduleEvaluation();
}

export function resetRulesToPreset(): void {
  commit({ rulesDraft: draftOps.draftFromRuleSet(DEMO_RULES) });
  set({ rulesNotice: 'The preset rules are back.', rulesError: null });
}

/** The rules as a rules.json text (what the CLI's `label --rules` reads). */
export function exportRulesJson(): string {
  return `${JSON.stringify(draftOps.ruleSetFromDraft(get().rulesDraft), null, 2)}\n`;
}

/** Imports a rules.json text; on any problem the current rules stay and the reason is shown. Returns success. */
export function importRulesText(text: string, fileName: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refuseImport(`${fileName} is not valid JSON (${describeError(error)}).`);
  }
  let rules: RuleSet;
  try {
    rules = parseRuleSet(json);
  } catch (error) {
    return refuseImport(describeError(error));
  }
  commit({ rulesDraft: draftOps.draftFromRuleSet(rules) });
  set({ rulesNotice: `Imported the rules from ${fileName}.`, rulesError: null });
  return true;
}

function refuseImport(reason: string): false {
  set({ rulesError: `${reason} The current rules are unchanged.`, rulesNotice: null });
  return false;
}

export function dismissRulesMessages(): void {
  set({ rulesNotice: null, rulesError: null });
}

/** Everything the Train screen needs from the Rules screen. */
export interface TrainingSetup {
  rules: RuleSet;
  sampling: SamplingSettings;
  features: FeatureSettings;
  /** ready for buildFeatureSpec; the leakage guard's masked categories resolved from the rules */
  featureOptions: FeatureSpecOptions;
  /** the latest evaluation's counts; null before the rules were evaluated on this dataset */
  counts: LabelCounts | null;
  /** labelled users kept for training after balancing and the cap */
  training: { positive: number; negative: number } | null;
  asOf: string | null;
  /** messages that must be fixed before training (no positives, invalid values…) */
  blockers: string[];
  /** true when the latest evaluation is of these exact rules and nothing blocks */
  ready: boolean;
}

export function getTrainingSetup(state = get()): TrainingSetup {
  const rules = draftOps.ruleSetFromDraft(state.rulesDraft);
  const current = state.catalog !== null && state.catalog.forLoadedAt === state.dataset?.loadedAt;
  const evaluation = current ? state.evaluation : null;
  const blockers = evaluation
    ? evaluation.issues.filter((i) => i.severity === 'error').map((i) => i.message)
    : [];
  if (!evaluation)
    blockers.push('The rules have not been evaluated on this dataset yet: open the Rules screen.');
  return {
    rules,
    sampling: state.sampling,
    features: state.features,
    featureOptions: featureSpecOptions(state.features, rules),
    counts: evaluation?.counts ?? null,
    training: evaluation?.training ?? null,
    asOf: evaluation?.asOf ?? null,
    blockers,
    ready: evaluation !== null && !state.evaluating && blockers.length === 0,
  };
}
