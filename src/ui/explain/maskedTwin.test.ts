import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/runs';
import type { PopulationView } from '../../worker/protocol/explainMessages';
import { findMaskedTwin } from './maskedTwin';

function run(id: string, kind: RunRecord['kind'], masked: string[], startedAt: string): RunRecord {
  return { id, kind, startedAt, featureSpec: { maskedCategories: masked } } as unknown as RunRecord;
}

const plain = run('a', 'lstm', [], '2026-01-01T10:00:00Z');
const maskedOld = run('b', 'lstm', ['maternity care'], '2026-01-01T11:00:00Z');
const maskedNew = run('c', 'lstm', ['maternity care'], '2026-01-01T12:00:00Z');
const otherKind = run('d', 'dual', ['maternity care'], '2026-01-01T13:00:00Z');
const view = { runId: 'b' } as PopulationView;

describe('the rule-masked twin of a run', () => {
  it('is the newest run of the same kind with the opposite masking', () => {
    const twin = findMaskedTwin(plain, [plain, maskedOld, maskedNew, otherKind], {});
    expect(twin).toEqual({ run: maskedNew, view: null });
    expect(findMaskedTwin(maskedNew, [plain, maskedOld, maskedNew], {})?.run).toBe(plain);
  });

  it('prefers a twin whose population view exists, and is null without one', () => {
    expect(findMaskedTwin(plain, [plain, maskedOld, maskedNew], { b: view })).toEqual({
      run: maskedOld,
      view,
    });
    expect(findMaskedTwin(plain, [plain, otherKind], {})).toBeNull();
  });
});
