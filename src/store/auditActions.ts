// Label-audit actions as plain functions: the audit's settings, running the confident-learning audit or the
// Elkan–Noto estimate in the worker with the Train screen's model settings and the Rules screen's setup (progress per
// fold, cancel), and the audit as a CSV file.

import { auditCsv } from '../core/bundle';
import { describeError } from '../core/errors';
import { getLabClient, type LabClient } from '../worker/client';
import type { EventMessage } from '../worker/protocol';
import type { AuditProgress, AuditRequest } from '../worker/protocol/auditMessages';
import { isCancelled, makeAbortError } from '../worker/protocol/errors';
import type { DownloadFile } from '../worker/protocol/exportMessages';
import type { AuditSlice } from './auditSlice';
import { useLab, type LabState } from './index';
import { getTrainingSetup } from './rulesActions';
import { coreSetupFrom, trainingBlockers } from './trainActions';

const set = useLab.setState;
const get = useLab.getState;

export function changeAuditSettings(change: Partial<AuditSlice['auditSettings']>): void {
  const next = { ...get().auditSettings, ...change };
  if (!(Number.isInteger(next.k) && next.k >= 2 && next.k <= 10)) {
    set({ auditError: 'Folds must be a whole number from 2 to 10.' });
    return;
  }
  set({ auditSettings: next, auditError: null });
}

/** The request for the current settings: the Train screen's model kind and its settings, the Rules screen's setup. */
export function auditRequest(state: LabState = get()): AuditRequest {
  const { kind, byKind, backend, workers } = state.trainSettings;
  return {
    kind,
    hyperparameters: { ...byKind[kind] },
    backend,
    workers,
    setup: coreSetupFrom(getTrainingSetup(state)),
    k: state.auditSettings.k,
    maskRuleCategories: state.auditSettings.maskRuleCategories,
  };
}

/** What the results were computed on, compared with `auditFor` to say they are stale. */
export function auditKey(state: LabState = get()): { loadedAt: string; rules: string } | null {
  if (!state.dataset) return null;
  return { loadedAt: state.dataset.loadedAt, rules: JSON.stringify(auditRequest(state).setup.rules) };
}

/** True when the shown results were computed on another dataset or other rules than the current ones. */
export function isAuditStale(state: LabState = get()): boolean {
  const now = auditKey(state);
  const was = state.auditFor;
  return !!was && (!now || now.loadedAt !== was.loadedAt || now.rules !== was.rules);
}

async function runAuditJob(job: AuditProgress['job'], client: LabClient): Promise<void> {
  if (get().auditRunning) return;
  const blockers = trainingBlockers();
  if (blockers.length) {
    set({ auditError: blockers.join(' ') });
    return;
  }
  if (get().trainingNow !== null || get().queue.length > 0) {
    set({ auditError: 'A run is training: audit the labels after the runs end.' });
    return;
  }
  const controller = new AbortController();
  const request = auditRequest();
  const key = auditKey();
  set({ auditRunning: { job, fold: 0, of: request.k, controller }, auditError: null });
  const current = () => get().auditRunning?.controller === controller;
  const options = {
    signal: controller.signal,
    onEvent: (event: EventMessage) => {
      if (event.kind === 'audit/progress' && current())
        set({ auditRunning: { ...event.payload, controller } });
    },
  };
  try {
    // a new dataset or new rules make the other job's result stale: it is dropped rather than shown beside this one
    const was = get().auditFor;
    const same = !!was && !!key && was.loadedAt === key.loadedAt && was.rules === key.rules;
    const keep = <K extends 'labelAudit' | 'elkanNoto'>(other: K): LabState[K] | null =>
      same ? get()[other] : null;
    if (job === 'labels') {
      const labelAudit = await client.request('audit/labels', request, options);
      if (controller.signal.aborted) throw makeAbortError();
      if (current()) set({ labelAudit, elkanNoto: keep('elkanNoto'), auditFor: key });
    } else {
      const elkanNoto = await client.request('audit/elkanNoto', request, options);
      if (controller.signal.aborted) throw makeAbortError();
      if (current()) set({ elkanNoto, labelAudit: keep('labelAudit'), auditFor: key });
    }
  } catch (error) {
    if (current())
      set({
        auditError: isCancelled(error) ? 'Cancelled.' : `Could not audit the labels: ${describeError(error)}`,
      });
  } finally {
    if (current()) set({ auditRunning: null });
  }
}

/** k models trained without each fold score every rule-labelled user; the labels they contradict are flagged. */
export function runLabelAudit(client: LabClient = getLabClient()): Promise<void> {
  return runAuditJob('labels', client);
}

/** Elkan & Noto: the share of true positives the rules catch, and the likely positives among the unlabelled. */
export function runMissedPositives(client: LabClient = getLabClient()): Promise<void> {
  return runAuditJob('elkanNoto', client);
}

export function cancelAudit(): void {
  get().auditRunning?.controller.abort();
}

export function dismissAuditError(): void {
  set({ auditError: null });
}

/** The audit's flagged users as CSV (formula cells neutralised), or null before an audit ran. */
export function auditCsvFile(state: LabState = get()): DownloadFile | null {
  if (!state.labelAudit) return null;
  const bytes = new TextEncoder().encode(auditCsv(state.labelAudit.audit));
  return { name: 'label-audit.csv', type: 'text/csv', bytes: bytes.buffer as ArrayBuffer };
}
