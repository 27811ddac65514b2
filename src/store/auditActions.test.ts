import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_CSV_HEADER } from '../core/bundle';
import { createInProcessLab } from '../worker/inProcessClient';
import {
  auditCsvFile,
  cancelAudit,
  changeAuditSettings,
  isAuditStale,
  runLabelAudit,
  runMissedPositives,
} from './auditActions';
import { resetLabStore, useLab } from './index';
import { openRules } from './rulesActions';
import { changeTrainHyperparameters, setTrainKind } from './trainSettingsActions';

const lab = createInProcessLab();
let dataset: Awaited<ReturnType<typeof lab.client.request<'data/demo'>>>;

beforeAll(async () => {
  dataset = await lab.client.request('data/demo', { users: 500, seed: 6 });
});
beforeEach(async () => {
  resetLabStore();
  useLab.setState({ dataset, dataStatus: 'ready' });
  await openRules(lab.client);
  await vi.waitFor(() => expect(useLab.getState().evaluation && !useLab.getState().evaluating).toBe(true), {
    timeout: 30_000,
  });
  setTrainKind('shallow');
  changeTrainHyperparameters({ epochs: 3, hidden: 8 });
  useLab.setState({ trainSettings: { ...useLab.getState().trainSettings, backend: 'cpu' } });
});
afterAll(() => lab.close());

describe('label audit actions', () => {
  it('audits every rule-labelled user in the worker, with fold progress, and exports the suspects as CSV', async () => {
    changeAuditSettings({ k: 3 });
    const folds: number[] = [];
    const off = useLab.subscribe((s) => {
      if (s.auditRunning && s.auditRunning.fold > 0 && !folds.includes(s.auditRunning.fold))
        folds.push(s.auditRunning.fold);
    });
    await runLabelAudit(lab.client);
    off();
    const s = useLab.getState();
    expect(s.auditError).toBeNull();
    expect(s.auditRunning).toBeNull();
    expect(folds).toEqual([1, 2, 3]);
    const view = s.labelAudit!;
    const counts = s.evaluation!.counts;
    expect(view.audit.labelled).toEqual({ positive: counts.positive, negative: counts.negative });
    expect(view.audit.maskedRuleCategories).toBe(true);
    expect(view.k).toBe(3);
    expect(view.audit.flagged.length).toBeGreaterThan(0);
    // the most suspicious users come with their monthly timeline, as long as the Rules screen's preview
    const first = view.audit.flagged[0];
    expect(view.timelines[first.userId!].length).toBe(s.evaluation!.previewMonths);
    expect(isAuditStale()).toBe(false);

    const file = auditCsvFile()!;
    const text = new TextDecoder().decode(file.bytes);
    const rows = Papa.parse<string[]>(text.trim()).data;
    expect(rows[0].join(',')).toBe(AUDIT_CSV_HEADER);
    expect(rows).toHaveLength(view.audit.flagged.length + 1);
    expect(rows[1][0]).toBe(first.userId);
    expect(Number(rows[1][2])).toBeCloseTo(first.score, 5);
  }, 120_000);

  it('estimates the positives the rules miss beside the truth, and says when the rules changed since', async () => {
    changeAuditSettings({ k: 2 });
    await runMissedPositives(lab.client);
    const e = useLab.getState().elkanNoto!;
    expect(useLab.getState().auditError).toBeNull();
    expect(e.labelledPositives).toBe(useLab.getState().evaluation!.counts.positive);
    expect(e.labelFrequency.ci95[0]).toBeLessThanOrEqual(e.labelFrequency.value);
    expect(e.labelFrequency.ci95[1]).toBeGreaterThanOrEqual(e.labelFrequency.value);
    expect(e.truth).not.toBeNull();
    expect(e.caveat).toMatch(/random sample of all positives/);
    const draft = useLab.getState().rulesDraft;
    useLab.setState({ rulesDraft: { ...draft, positive: { ...draft.positive, conditions: [] } } });
    expect(isAuditStale()).toBe(true);
  }, 120_000);

  it('refuses folds out of range and stops on cancel with a plain message', async () => {
    changeAuditSettings({ k: 1 });
    expect(useLab.getState().auditError).toMatch(/from 2 to 10/);
    expect(useLab.getState().auditSettings.k).toBe(5);
    changeAuditSettings({ k: 3 });
    let lastFold = 0;
    const off = useLab.subscribe((s) => {
      lastFold = Math.max(lastFold, s.auditRunning?.fold ?? 0);
      if (s.auditRunning && s.auditRunning.fold === 1) cancelAudit();
    });
    await runLabelAudit(lab.client);
    off();
    // the worker stopped at a fold boundary before the last fold trained (the cancel can reach the worker's
    // message loop one fold late: its pause between folds and the page's message are separate macrotasks)
    expect(lastFold).toBeGreaterThanOrEqual(1);
    expect(lastFold).toBeLessThan(3);
    expect(useLab.getState().auditError).toBe('Cancelled.');
    expect(useLab.getState().labelAudit).toBeNull();
    expect(useLab.getState().auditRunning).toBeNull();
  }, 120_000);
});
