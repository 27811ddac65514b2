// The store's side of its link to the worker: which client feeds it events, the run training now, the live rule
// evaluation and the newest request per topic. Kept in the store (not in module variables) so a reset clears it.

import type { StateCreator } from 'zustand';
import type { LabClient } from '../worker/client';
import type { LabState } from './index';
import type { LatestRunner } from './rulesDebounce';

/** Requests where only the newest answer may land (see ./latest). */
export type LatestTopic =
  'modelSummary' | 'thresholdMetrics' | 'truthAt' | 'verdicts' | 'rulesEvaluation' | 'explainUser';

export interface SessionSlice {
  /** the client whose training events feed the store, and how to stop listening */
  trainEvents: { client: LabClient; off: () => void } | null;
  /** the run that left the queue and trains now (its record may not have reached the runs list yet) */
  trainingNow: { id: string; name: string } | null;
  /** a group of repeats training side by side on job workers (trainingNow is its first run), with the workers */
  trainingGroup: { runs: { id: string; name: string }[]; workers: number } | null;
  /** the live rule evaluation, bound to one client */
  rulesRunner: { client: LabClient; runner: LatestRunner } | null;
  /** the token of the newest request per topic */
  latestRequests: Partial<Record<LatestTopic, object>>;
}

export const initialSessionState: SessionSlice = {
  trainEvents: null,
  trainingNow: null,
  trainingGroup: null,
  rulesRunner: null,
  latestRequests: {},
};

export const createSessionSlice: StateCreator<LabState, [], [], SessionSlice> = () => ({
  ...initialSessionState,
});
