import { describe, expect, it } from 'vitest';
import type { SourceSniff } from '../core/events';
import { completeMapping, changeDraft, draftFromSniff, needsMapping } from './mappingDraft';

function sniff(overrides: Partial<SourceSniff>): SourceSniff {
  return {
    name: 'f.csv',
    size: 10,
    role: 'events',
    delimiter: ',',
    hasHeader: true,
    header: ['user_id', 'category', 'action'],
    rows: [['u1', 'c1', 'buy']],
    layout: null,
    mapping: { user: 0, category: 1, time: 0, action: 2, count: null },
    confidence: { user: 1, category: 1, time: 0, action: 1, count: 0 },
    timeFormat: null,
    actionValues: [],
    needsMapping: true,
    problems: ['f.csv: no time column found.'],
    unusable: false,
    encoding: 'utf-8',
    ...overrides,
  };
}

describe('mapping drafts', () => {
  it('leave a column the sniff did not find unset instead of at its placeholder index', () => {
    const draft = draftFromSniff(sniff({}));
    expect(draft).toMatchObject({ user: 0, category: 1, time: null, action: 2, count: null });
    expect(completeMapping(draft)).toBeNull();
  });

  it('become a complete mapping once the missing column is chosen', () => {
    const draft = changeDraft(draftFromSniff(sniff({ header: ['user_id', 'category', 'action', 'day'] })), {
      time: 3,
    });
    expect(completeMapping(draft)).toEqual({ user: 0, category: 1, time: 3, action: 2, count: null });
  });

  it('drop the detected time format when the time column changes', () => {
    const base = { ...draftFromSniff(sniff({})), time: 2, timeFormat: 'iso-date' as const };
    expect(changeDraft(base, { time: 1 }).timeFormat).toBeUndefined();
    expect(changeDraft(base, { user: 1 }).timeFormat).toBe('iso-date');
  });

  it('need a fixed action when no action column is chosen', () => {
    const draft = changeDraft(draftFromSniff(sniff({})), { time: 2, action: null });
    expect(completeMapping(draft)).toBeNull();
    expect(completeMapping(changeDraft(draft, { fixedAction: 'click' }))?.fixedAction).toBe('click');
  });

  it('skip the mapping step for recognised and for unusable files', () => {
    expect(needsMapping(sniff({}))).toBe(true);
    expect(needsMapping(sniff({ needsMapping: false }))).toBe(false);
    expect(needsMapping(sniff({ unusable: true }))).toBe(false);
  });
});
