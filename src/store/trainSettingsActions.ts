// The Train screen's settings as plain functions: kind, hyperparameters, workers, backend, repeats. The store's
// persist saves the training settings in this browser (store/savedSettings); repeats last for the page.

import type { BackendName, Hyperparameters, ModelKind } from '../core/models';
import { useLab } from './index';
import type { RepeatSetting } from './trainSlice';
import { changeHyperparameters, type TrainSettings } from './trainSettings';

const set = useLab.setState;
const get = useLab.getState;

/** The store's persist saves them in this browser (store/savedSettings). */
function saveSettings(trainSettings: TrainSettings): void {
  set({ trainSettings });
}

export function setTrainKind(kind: ModelKind): void {
  saveSettings({ ...get().trainSettings, kind });
}

export function changeTrainHyperparameters(change: Partial<Hyperparameters>): void {
  saveSettings(changeHyperparameters(get().trainSettings, change));
}

/** Data-parallel workers for the next runs (whole, 1 to 8; the field keeps anything else from reaching here). */
export function setTrainWorkers(workers: number): void {
  saveSettings({ ...get().trainSettings, workers });
}

export function setTrainBackend(backend: BackendName): void {
  saveSettings({ ...get().trainSettings, backend });
}

export function setRepeats(repeats: RepeatSetting): void {
  if (repeats.mode === 'seeds' && !(repeats.k === 3 || repeats.k === 5)) return;
  if (repeats.mode === 'folds' && !(Number.isInteger(repeats.k) && repeats.k >= 2 && repeats.k <= 10)) return;
  set({ repeats: repeats.mode === 'single' ? { mode: 'single', k: 1 } : repeats });
}
