// Explain actions as plain functions: explain one user of the loaded dataset with a run (newest request wins), and
// the population view over the users the run's scoring tags at the slider's threshold (progress, cancel).

import { describeError } from '../core/errors';
import { getLabClient, type LabClient } from '../worker/client';
import { isCancelled } from '../worker/protocol/errors';
import type { ExplainOrigin } from './explainSlice';
import { useLab, type LabState } from './index';
import { beginLatest } from './latest';

const set = useLab.setState;
const get = useLab.getState;

export function setExplainQuery(query: string): void {
  set({ explainQuery: query });
}

/** Explains `userId` with the run; the search box shows the id asked about. */
export function explainUserById(
  runId: string,
  userId: string,
  client: LabClient = getLabClient(),
): Promise<void> {
  return requestExplanation({ runId, userId, origin: null }, client);
}

/** A "Why?" on the Compare screen: explains the user there, under the panel it was clicked in. */
export function explainUserFrom(
  origin: ExplainOrigin,
  runId: string,
  userId: string,
  client: LabClient = getLabClient(),
): Promise<void> {
  return requestExplanation({ runId, userId, origin }, client);
}

async function requestExplanation(
  { runId, userId, origin }: { runId: string; userId: string; origin: ExplainOrigin | null },
  client: LabClient,
): Promise<void> {
  const id = userId.trim();
  if (!id) {
    set({ explainError: 'Type a user id.' });
    return;
  }
  // a newer request (or Cancel) aborts the older one in the worker; an older answer arriving later is dropped
  const newest = beginLatest('explainUser');
  get().explainToken?.abort();
  const token = new AbortController();
  set({
    explainQuery: id,
    explaining: { runId, userId: id },
    explainError: null,
    explainOrigin: origin,
    explainToken: token,
  });
  try {
    const explanation = await client.request('explain/user', { runId, userId: id }, { signal: token.signal });
    if (newest()) set({ explaining: null, explanation });
  } catch (error) {
    if (!newest()) return;
    set({ explaining: null, explainError: isCancelled(error) ? null : describeError(error) });
  }
}

/** Closes the explanation opened on the Compare screen (the Export screen still shows it). */
export function closeComparedExplanation(): void {
  set({ explainOrigin: null });
}

/** True when the newest "Why?" came from `origin` (and, given `userId`, asked about that user). */
export function isExplainedFrom(
  st: Pick<LabState, 'explainOrigin' | 'explaining' | 'explanation' | 'explainError' | 'explainQuery'>,
  origin: ExplainOrigin,
  userId?: string,
): boolean {
  if (st.explainOrigin !== origin) return false;
  if (userId === undefined) return true;
  const asked = st.explaining?.userId ?? (st.explainError ? st.explainQuery : st.explanation?.userId);
  return asked === userId;
}

/** Stops the explanation being computed; the one shown before stays. */
export function cancelExplainUser(): void {
  get().explainToken?.abort();
}

/** Mean |contribution| per category over the users the run's last scoring tags at the current threshold. */
export async function explainTaggedUsers(runId: string, client: LabClient = getLabClient()): Promise<void> {
  get().populationProgress?.controller.abort();
  const controller = new AbortController();
  const progress = { runId, done: 0, total: 0, controller };
  set({ populationProgress: progress, populationError: null });
  const current = () => get().populationProgress?.controller === controller;
  try {
    const population = await client.request(
      'explain/population',
      { runId, threshold: get().threshold },
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.kind === 'explain/progress' && current())
            set({
              populationProgress: { ...progress, done: event.payload.done, total: event.payload.total },
            });
        },
      },
    );
    if (current())
      set({
        populationProgress: null,
        population,
        populations: { ...get().populations, [runId]: population },
      });
  } catch (error) {
    if (!current()) return;
    set({
      populationProgress: null,
      populationError: isCancelled(error) ? 'Cancelled.' : describeError(error),
    });
  }
}

export function cancelPopulation(): void {
  get().populationProgress?.controller.abort();
}
