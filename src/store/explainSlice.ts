// The "Why this user?" state: the user asked about, their explanation from the worker, and the population view over
// the tagged users with its progress and the controller that cancels it.

import type { StateCreator } from 'zustand';
import type { PopulationView, UserExplanationView } from '../worker/protocol/explainMessages';
import type { LabState } from './index';

export interface PopulationProgress {
  runId: string;
  done: number;
  total: number;
  /** aborting it cancels the request in the worker */
  controller: AbortController;
}

export interface ExplainSlice {
  /** the text in the user search box */
  explainQuery: string;
  /** the explanation being computed */
  explaining: { runId: string; userId: string } | null;
  explanation: UserExplanationView | null;
  explainError: string | null;
  population: PopulationView | null;
  populationProgress: PopulationProgress | null;
  populationError: string | null;
}

export const initialExplainState: ExplainSlice = {
  explainQuery: '',
  explaining: null,
  explanation: null,
  explainError: null,
  population: null,
  populationProgress: null,
  populationError: null,
};

export const createExplainSlice: StateCreator<LabState, [], [], ExplainSlice> = () => ({
  ...initialExplainState,
});
