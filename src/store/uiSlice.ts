// Which screen is showing, and shell-wide facts such as the active TF.js backend.

import type { StateCreator } from 'zustand';
import type { LabState } from './index';

export type ScreenId = 'data' | 'rules' | 'train' | 'compare' | 'export';
export const SCREEN_ORDER: readonly ScreenId[] = ['data', 'rules', 'train', 'compare', 'export'];

export interface UiSlice {
  screen: ScreenId;
  /** the TF.js backend in use, with detail (e.g. "webgl · SwiftShader"); null until training has started one */
  backendLabel: string | null;
  /** saved settings that could not be read or written (see savedSettings); shown above every screen */
  settingsNotice: string | null;
  /** IndexedDB could not be read (private mode, blocked, broken): the lab works in memory; shown above every screen */
  storageNotice: string | null;
  /** the lab's worker died and a fresh one took over: what stopped and what was recovered (store/workerRecovery) */
  workerNotice: string | null;
}

export const initialUiState: UiSlice = {
  screen: 'data',
  backendLabel: null,
  settingsNotice: null,
  storageNotice: null,
  workerNotice: null,
};

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = () => ({ ...initialUiState });
