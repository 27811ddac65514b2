// The Rules screen's state: the rules being edited, the sampling and feature settings that go with them (saved in
// this browser through store/savedSettings), the dataset's category catalogue and the latest evaluation from the worker.

import type { StateCreator } from 'zustand';
import type { RulesCatalog, RulesEvaluation } from '../worker/protocol/rulesMessages';
import type { LabState } from './index';
import { draftFromRuleSet, type RulesDraft } from './rulesDraft';
import { readSavedRules, type FeatureSettings, type SamplingSettings } from './rulesSettings';

export type PreviewTab = 'positive' | 'negative' | 'conflict';

export interface RulesSlice {
  rulesDraft: RulesDraft;
  sampling: SamplingSettings;
  features: FeatureSettings;
  /** the categories of the loaded dataset; `forLoadedAt` ties it to one dataset */
  catalog: (RulesCatalog & { forLoadedAt: string }) | null;
  /** the latest evaluation (of the rules as they were when it started) */
  evaluation: RulesEvaluation | null;
  /** true while edits wait for their evaluation */
  evaluating: boolean;
  rulesError: string | null;
  rulesNotice: string | null;
  previewTab: PreviewTab;
  previewSeed: number;
}

/** The preset rules and default settings, before anything saved is read. */
export function presetRulesState(): RulesSlice {
  const { saved } = readSavedRules(null);
  return {
    rulesDraft: draftFromRuleSet(saved.rules),
    sampling: saved.sampling,
    features: saved.features,
    catalog: null,
    evaluation: null,
    evaluating: false,
    rulesError: null,
    rulesNotice: null,
    previewTab: 'positive',
    previewSeed: 1,
  };
}

export const initialRulesState: RulesSlice = presetRulesState();

/** Starts from the preset; the rules saved in this browser are merged in by the store's persist (savedSettings). */
export const createRulesSlice: StateCreator<LabState, [], [], RulesSlice> = () => presetRulesState();
