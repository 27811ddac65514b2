// The lab's one zustand store, combined from typed slices. Actions live beside each slice as plain exported
// functions (callable from the worker client, tests and components alike); components read through selectors.

import { create, type StateCreator } from 'zustand';
import { persist } from 'zustand/middleware';
import { createCompareSlice, initialCompareState, type CompareSlice } from './compareSlice';
import { createDataSlice, initialDataState, type DataSlice } from './dataSlice';
import { createExplainSlice, initialExplainState, type ExplainSlice } from './explainSlice';
import { createExportSlice, initialExportState, type ExportSlice } from './exportSlice';
import { createRulesSlice, initialRulesState, type RulesSlice } from './rulesSlice';
import { createRunsSlice, initialRunsState, type RunsSlice } from './runsSlice';
import { settingsPersistOptions } from './savedSettings';
import { createSessionSlice, initialSessionState, type SessionSlice } from './sessionSlice';
import { createSweepSlice, initialSweepState, type SweepSlice } from './sweepSlice';
import { createTrainSlice, initialTrainState, type TrainSlice } from './trainSlice';
import { createUiSlice, initialUiState, type UiSlice } from './uiSlice';

export type LabState = DataSlice &
  UiSlice &
  RulesSlice &
  RunsSlice &
  TrainSlice &
  ExportSlice &
  CompareSlice &
  SessionSlice &
  ExplainSlice &
  SweepSlice;

/** A settings write that failed is reported after the store exists (it can fail while the store is created). */
function reportSettingsProblem(settingsNotice: string): void {
  queueMicrotask(() => useLab.setState({ settingsNotice }));
}

/** Every slice, before middleware (tests build a store of their own over other storage from it). */
export const createLabSlices: StateCreator<LabState> = (...a) => ({
  ...createDataSlice(...a),
  ...createUiSlice(...a),
  ...createRulesSlice(...a),
  ...createRunsSlice(...a),
  ...createTrainSlice(...a),
  ...createExportSlice(...a),
  ...createCompareSlice(...a),
  ...createSessionSlice(...a),
  ...createExplainSlice(...a),
  ...createSweepSlice(...a),
});

export const useLab = create<LabState>()(
  persist(createLabSlices, settingsPersistOptions(reportSettingsProblem)),
);

/** Back to a fresh page (tests, "Clear data"): every slice, including the link to the worker. */
export function resetLabStore(): void {
  const { trainEvents, rulesRunner } = useLab.getState();
  trainEvents?.off();
  rulesRunner?.runner.cancel();
  useLab.getState().populationProgress?.controller.abort();
  useLab.getState().sweepRunning?.controller.abort();
  useLab.setState({
    ...initialDataState,
    ...initialUiState,
    ...initialRulesState,
    ...initialRunsState,
    ...initialTrainState,
    ...initialExportState,
    ...initialCompareState,
    ...initialSessionState,
    ...initialExplainState,
    ...initialSweepState,
  });
}
