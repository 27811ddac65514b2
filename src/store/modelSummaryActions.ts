// The model summary of the settings shown (newest request wins) and a run's weight summaries, asked of the worker.

import { getLabClient, type LabClient } from '../worker/client';
import type { RunWeights } from '../worker/protocol/weightsMessages';
import { useLab, type LabState } from './index';
import { beginLatest } from './latest';
import { connectTrainEvents } from './trainActions';
import { describeError } from '../core/errors';

const set = useLab.setState;
const get = useLab.getState;

/** Which settings a summary describes: the model's own settings and the input sizes. */
export function summaryKey(state: LabState = get()): string {
  const { kind, byKind } = state.trainSettings;
  const hp = byKind[kind];
  const f = state.features;
  return JSON.stringify([
    state.dataset?.loadedAt,
    kind,
    hp.hidden,
    hp.fcUnits,
    hp.projection,
    f.topK,
    f.months,
    f.days,
  ]);
}

/** Asks the worker for the model summary of the settings shown (latest request wins). */
export async function refreshModelSummary(client: LabClient = getLabClient()): Promise<void> {
  const state = get();
  if (!state.dataset) return;
  const key = summaryKey(state);
  if (state.modelSummary?.key === key && !state.modelSummary.error) return;
  const isLatest = beginLatest('modelSummary');
  connectTrainEvents(client);
  const { kind, byKind, backend } = state.trainSettings;
  try {
    const summary = await client.request('train/summary', {
      kind,
      hyperparameters: byKind[kind],
      features: { topK: state.features.topK, months: state.features.months, days: state.features.days },
      backend,
    });
    if (isLatest()) set({ modelSummary: { key, summary, error: null } });
  } catch (error) {
    if (isLatest()) set({ modelSummary: { key, summary: null, error: describeError(error) } });
  }
}

/** The run's per-layer weight summaries (for the weights panel; kept in the component, not the store). */
export function fetchRunWeights(runId: string, client: LabClient = getLabClient()): Promise<RunWeights> {
  return client.request('train/weights', { runId });
}
