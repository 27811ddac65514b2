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

/** Where a "Why?" was clicked on the Compare screen: the explanation opens under that panel. */
export type ExplainOrigin = 'audit' | 'truth';

export interface ExplainSlice {
  /** the text in the user search box */
  explainQuery: string;
  /** the explanation being computed */
  explaining: { runId: string; userId: string } | null;
  explanation: UserExplanationView | null;
  explainError: string | null;
  /** the Compare panel the newest "Why?" came from (null: asked on the Export screen, or closed) */
  explainOrigin: ExplainOrigin | null;
  /** the newest explain request: aborting it cancels it in the worker; an older answer arriving later is dropped */
  explainToken: AbortController | null;
  population: PopulationView | null;
  /** the latest population view per run, so a run and its rule-masked twin can be shown side by side */
  populations: Record<string, PopulationView>;
  populationProgress: PopulationProgress | null;
  populationError: string | null;
}

export const initialExplainState: ExplainSlice = {
  explainQuery: '',
  explaining: null,
  explanation: null,
  explainError: null,
  explainOrigin: null,
  explainToken: null,
  population: null,
  populations: {},
  populationProgress: null,
  populationError: null,
};

export const createExplainSlice: StateCreator<LabState, [], [], ExplainSlice> = () => ({
  ...initialExplainState,
});
