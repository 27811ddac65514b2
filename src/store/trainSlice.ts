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

export interface TrainSlice {
  trainSettings: TrainSettings;
  /** the backend the worker runs now (null before it started one) */
  backendInfo: BackendInfo | null;
  modelSummary: ModelSummaryState | null;
  trainError: string | null;
}

export const initialTrainState: TrainSlice = {
  trainSettings: defaultTrainSettings(),
  backendInfo: null,
  modelSummary: null,
  trainError: null,
};

/** Starts from the defaults; the settings saved in this browser are merged in by the store's persist. */
export const createTrainSlice: StateCreator<LabState, [], [], TrainSlice> = () => ({ ...initialTrainState });
