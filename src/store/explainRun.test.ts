import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../core/runs';
import { makeEpochLog, makeRecord } from '../test/runStorageFixtures';
import { chooseExplainRun, NO_TRAINED_RUN } from './explainRun';

const trained = (id: string, change: Partial<RunRecord> = {}) =>
  makeRecord(id, { epochs: [makeEpochLog(0)], ...change });

describe('chooseExplainRun', () => {
  const shallow1 = trained('s1');
  const lstm = trained('l1', { kind: 'lstm' });
  const shallow2 = trained('s2');
  const failed = trained('f1', { kind: 'lstm', status: 'failed' });
  const runs = [shallow1, lstm, shallow2, failed];

  it('says why when no run has a trained model', () => {
    expect(chooseExplainRun({ runs: [], compareSelection: null }, 'shallow')).toEqual({
      run: null,
      reason: NO_TRAINED_RUN,
    });
    expect(chooseExplainRun({ runs: [failed], compareSelection: null }).reason).toBe(NO_TRAINED_RUN);
  });

  it('prefers the first ticked run of the audit’s kind, then the first ticked run', () => {
    expect(chooseExplainRun({ runs, compareSelection: ['s2', 'l1'] }, 'lstm').run?.id).toBe('l1');
    expect(chooseExplainRun({ runs, compareSelection: ['s2', 'l1'] }, 'shallow').run?.id).toBe('s2');
    expect(chooseExplainRun({ runs, compareSelection: ['s2', 'l1'] }, 'dual').run?.id).toBe('l1');
    expect(chooseExplainRun({ runs, compareSelection: ['s2', 'l1'] }).run?.id).toBe('l1');
  });

  it('skips a ticked run without a model and falls back to the newest trained run of the kind', () => {
    expect(chooseExplainRun({ runs, compareSelection: ['f1'] }, 'shallow').run?.id).toBe('s2');
    expect(chooseExplainRun({ runs, compareSelection: ['f1'] }, 'lstm').run?.id).toBe('l1');
    expect(chooseExplainRun({ runs, compareSelection: ['f1'] }).run?.id).toBe('s2');
  });
});
