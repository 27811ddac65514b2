// Sweep actions as plain functions: edit the swept values, start a sweep from the Train screen's settings and the
// Rules screen's setup, cancel it (the finished points stay), and turn a point into a queued run.

import { describeError } from '../core/errors';
import { SWEEP_PARAMETERS, type SweepPointResult } from '../core/sweeps';
import { getLabClient, type LabClient } from '../worker/client';
import { useLab } from './index';
import { getTrainingSetup } from './rulesActions';
import type { SweepDraft } from './sweepSlice';
import { changeTrainHyperparameters, setTrainKind } from './trainSettingsActions';
import { coreSetupFrom, pumpQueue, queueTraining, trainingBlockers } from './trainActions';

const set = useLab.setState;
const get = useLab.getState;

export function changeSweepDraft(change: Partial<SweepDraft>): void {
  set({ sweepDraft: { ...get().sweepDraft, ...change } });
}

/** The draft's non-empty values as the worker's `name=values` entries. */
export function sweepSpaceEntries(draft: SweepDraft): string[] {
  return SWEEP_PARAMETERS.filter((name) => draft.values[name].trim() !== '').map(
    (name) => `${name}=${draft.values[name].replace(/\s+/g, '')}`,
  );
}

export async function startSweep(client: LabClient = getLabClient()): Promise<void> {
  if (get().sweepRunning) return;
  const blockers = trainingBlockers();
  const draft = get().sweepDraft;
  const space = sweepSpaceEntries(draft);
  if (space.length === 0) blockers.push('Give values for at least one hyperparameter, e.g. hidden 16,32.');
  if (get().trainingNow || get().queue.length > 0) blockers.push('A run is training: sweep after it ends.');
  if (blockers.length) {
    set({ sweepError: blockers.join(' ') });
    return;
  }
  const settings = get().trainSettings;
  const controller = new AbortController();
  set({ sweepRunning: { progress: null, points: {}, controller }, sweepError: null });
  const current = () => get().sweepRunning?.controller === controller;
  const update = (change: Partial<NonNullable<ReturnType<typeof get>['sweepRunning']>>) => {
    const running = get().sweepRunning;
    if (running && current()) set({ sweepRunning: { ...running, ...change } });
  };
  try {
    const outcome = await client.request(
      'sweep/run',
      {
        kind: settings.kind,
        hyperparameters: settings.byKind[settings.kind],
        backend: settings.backend,
        setup: coreSetupFrom(getTrainingSetup()),
        space,
        mode: draft.mode,
        samples: draft.samples,
        seed: settings.byKind[settings.kind].seed,
        repeats: draft.repeats,
        workers: settings.workers,
      },
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.kind === 'sweep/progress') update({ progress: event.payload });
          if (event.kind === 'sweep/point') {
            const points = get().sweepRunning?.points ?? {};
            update({ points: { ...points, [event.payload.index]: event.payload } });
          }
        },
      },
    );
    if (current()) set({ sweepRunning: null, sweepOutcome: outcome });
  } catch (error) {
    if (current()) set({ sweepRunning: null, sweepError: describeError(error) });
  } finally {
    // runs queued while the sweep held the training slot start now
    void pumpQueue(client);
  }
}

export function cancelSweep(): void {
  get().sweepRunning?.controller.abort();
}

/** Copies a point's settings into the Train screen's hyperparameters and queues one run with them. */
export function trainSweepPoint(point: SweepPointResult, client: LabClient = getLabClient()): boolean {
  const kind = get().sweepOutcome?.kind ?? get().trainSettings.kind;
  if (get().trainSettings.kind !== kind) setTrainKind(kind);
  changeTrainHyperparameters(point.settings);
  return queueTraining([kind], client);
}
