// The Train screen's state: its settings (saved in this browser), the backend that runs, the model summary for the
// settings shown, and the screen's messages. Runs themselves live in the runs slice.

import type { StateCreator } from 'zustand';
import type { BackendInfo } from '../core/backend';
import type { ModelSummaryResult } from '../worker/protocol/trainMessages';
import type { LabState } from './index';
import { defaultTrainSettings, type TrainSettings } from './trainSettings';

export interface ModelSummaryState {
  /** which settings it describes (see summaryKey) */
  key: string;
  summary: ModelSummaryResult | null;
  error: string | null;
}

/** "Train with k seeds" or k-fold: one click queues k runs of the same settings as one group. */
export interface RepeatSetting {
  mode: 'single' | 'seeds' | 'folds';
  /** runs in the group: 3 or 5 seeds, 2–10 folds */
  k: number;
}

export const REPEAT_CHOICES: readonly { label: string; value: RepeatSetting }[] = [
  { label: 'One run', value: { mode: 'single', k: 1 } },
  { label: '3 seeds', value: { mode: 'seeds', k: 3 } },
  { label: '5 seeds', value: { mode: 'seeds', k: 5 } },
  { label: '5-fold cross-validation', value: { mode: 'folds', k: 5 } },
];

export interface TrainSlice {
  trainSettings: TrainSettings;
  repeats: RepeatSetting;
  /** the backend the worker runs now (null before it started one) */
  backendInfo: BackendInfo | null;
  modelSummary: ModelSummaryState | null;
  trainError: string | null;
}

export const initialTrainState: TrainSlice = {
  trainSettings: defaultTrainSettings(),
  repeats: { mode: 'single', k: 1 },
  backendInfo: null,
  modelSummary: null,
  trainError: null,
};

/** Starts from the defaults; the settings saved in this browser are merged in by the store's persist. */
export const createTrainSlice: StateCreator<LabState, [], [], TrainSlice> = () => ({ ...initialTrainState });
