// The Rules screen's state: the rules being edited, the sampling and feature settings that go with them (saved in
// this browser), the dataset's category catalogue and the latest evaluation from the worker.

import type { StateCreator } from 'zustand';
import type { RulesCatalog, RulesEvaluation } from '../worker/protocol/rulesMessages';
import type { LabState } from './index';
import { draftFromRuleSet, type RulesDraft } from './rulesDraft';
import {
  loadSavedRules,
  RULES_STORAGE_KEY,
  type FeatureSettings,
  type SamplingSettings,
} from './rulesSettings';

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

function readStorage(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(RULES_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The preset rules and default settings, before anything saved is read. */
export function presetRulesState(): RulesSlice {
  const { saved } = loadSavedRules(null);
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

/** The rules saved in this browser come back when the store is created (validated; preset when unusable). */
export const createRulesSlice: StateCreator<LabState, [], [], RulesSlice> = () => {
  const { saved, notice } = loadSavedRules(readStorage());
  return {
    ...presetRulesState(),
    rulesDraft: draftFromRuleSet(saved.rules),
    sampling: saved.sampling,
    features: saved.features,
    rulesNotice: notice,
  };
};
