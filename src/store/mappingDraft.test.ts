import { describe, expect, it } from 'vitest';
import type { SourceSniff } from '../core/events';
import {
  chooseDuplicateColumn,
  completeMapping,
  changeDraft,
  draftFromSniff,
  fieldUsing,
  needsMapping,
} from './mappingDraft';

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

  it('carry the category name column and the date order through edits into the mapping', () => {
    const file = sniff({
      header: ['user_id', 'category_id', 'category_code', 'when', 'action'],
      mapping: {
        user: 0,
        category: 1,
        time: 3,
        action: 4,
        count: null,
        categoryName: 2,
        dateOrder: 'day-first',
      },
      confidence: { user: 1, category: 1, time: 1, action: 1, count: 0 },
    });
    let draft = changeDraft(draftFromSniff(file), { user: 0 });
    draft = changeDraft(draft, { time: 3 });
    expect(completeMapping(draft)).toMatchObject({ categoryName: 2, dateOrder: 'day-first' });
    expect(completeMapping(changeDraft(draft, { categoryName: null }))?.categoryName).toBeNull();
  });

  it('switch a duplicated header to the column the analyst chooses, whichever field uses it', () => {
    const draft = draftFromSniff(
      sniff({
        header: ['user_id', 'category', 'time', 'action', 'user_id'],
        mapping: { user: 0, category: 1, time: 2, action: 3, count: null },
        confidence: { user: 1, category: 1, time: 1, action: 1, count: 0 },
      }),
    );
    const duplicate = { name: 'user_id', columns: [0, 4], used: 0 };
    expect(fieldUsing(draft, duplicate)).toBe('user');
    expect(chooseDuplicateColumn(draft, duplicate, 4).user).toBe(4);
    const unused = { name: 'x', columns: [5, 6], used: null };
    expect(chooseDuplicateColumn(draft, unused, 6)).toBe(draft);
  });
});
