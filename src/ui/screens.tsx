// The lab's screens in step order: label, the component (null while not built yet) and whether it needs a dataset.
// A later screen is wired in by setting its `component` here.

import type { ComponentType } from 'react';
import type { ScreenId } from '../store/uiSlice';
import { CompareScreen } from './compare/CompareScreen';
import { DataScreen } from './data/DataScreen';
import { ExportScreen } from './export/ExportScreen';
import { RulesScreen } from './rules/RulesScreen';
import { TrainScreen } from './train/TrainScreen';

export interface ScreenEntry {
  label: string;
  component: ComponentType | null;
  needsDataset: boolean;
  /** shown in place of a screen that is not built yet */
  pending: string;
}

export const SCREENS: Record<ScreenId, ScreenEntry> = {
  data: { label: 'Data', component: DataScreen, needsDataset: false, pending: '' },
  rules: {
    label: 'Rules',
    component: RulesScreen,
    needsDataset: true,
    pending: 'The rule editor is not part of this build yet.',
  },
  train: {
    label: 'Train',
    component: TrainScreen,
    needsDataset: true,
    pending: 'Model training is not part of this build yet.',
  },
  compare: {
    label: 'Compare',
    component: CompareScreen,
    needsDataset: false,
    pending: 'Run comparison is not part of this build yet.',
  },
  export: {
    label: 'Export',
    component: ExportScreen,
    needsDataset: true,
    pending: 'Model export and scoring are not part of this build yet.',
  },
};
