// The lab's screens in step order: label, component and whether it needs a loaded dataset.

import type { ComponentType } from 'react';
import type { ScreenId } from '../store/uiSlice';
import { CompareScreen } from './compare/CompareScreen';
import { DataScreen } from './data/DataScreen';
import { ExportScreen } from './export/ExportScreen';
import { RulesScreen } from './rules/RulesScreen';
import { TrainScreen } from './train/TrainScreen';

export interface ScreenEntry {
  label: string;
  component: ComponentType;
  needsDataset: boolean;
}

export const SCREENS: Record<ScreenId, ScreenEntry> = {
  data: { label: 'Data', component: DataScreen, needsDataset: false },
  rules: { label: 'Rules', component: RulesScreen, needsDataset: true },
  train: { label: 'Train', component: TrainScreen, needsDataset: true },
  // saved runs can be compared without a dataset
  compare: { label: 'Compare', component: CompareScreen, needsDataset: false },
  export: { label: 'Export', component: ExportScreen, needsDataset: true },
};
