// The Train screen's state: its settings (saved in this browser), the backend that runs, the model summary for the
// settings shown, and the screen's messages. Runs themselves live in the runs slice.

import type { StateCreator } from 'zustand';
import type { BackendInfo } from '../core/backend';
import type { ModelSummaryResult } from '../worker/protocol/trainMessages';
import type { LabState } from './index';
import { loadTrainSettings, TRAIN_STORAGE_KEY, type TrainSettings } from './trainSettings';

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

function readStorage(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(TRAIN_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The cores this browser reports (navigator.hardwareConcurrency), 1 where it says nothing. */
export function detectedCores(): number {
  return (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 1;
}

export const initialTrainState: TrainSlice = {
  trainSettings: loadTrainSettings(null),
  backendInfo: null,
  modelSummary: null,
  trainError: null,
};

export const createTrainSlice: StateCreator<LabState, [], [], TrainSlice> = () => ({
  ...initialTrainState,
  trainSettings: loadTrainSettings(readStorage(), detectedCores()),
});
