// The mapping step's editable drafts: built from what sniffing proposed, changed one choice at a time.

import type { SourceSniff, ColumnMapping, DuplicateHeader } from '../core/events';
import type { MappingDraft } from '../worker/protocol/dataMessages';

/** A file needs the mapping step when it is usable but its layout was not recognised. */
export function needsMapping(file: SourceSniff): boolean {
  return file.needsMapping && !file.unusable;
}

/**
 * The proposal as an editable draft. Columns the sniff did not find (confidence 0) start unset rather than at the
 * placeholder index the proposal carries, so the analyst sees exactly what is still missing.
 */
export function draftFromSniff(file: SourceSniff): MappingDraft {
  const m = file.mapping;
  const found = (field: 'user' | 'category' | 'time'): number | null =>
    m && file.confidence[field] > 0 ? m[field] : null;
  return {
    ...m,
    user: found('user'),
    category: found('category'),
    time: found('time'),
    action: m && file.confidence.action > 0 ? m.action : null,
    count: m && file.confidence.count > 0 ? m.count : null,
  };
}

/** Applies one choice; a new time column drops the time format detected for the old one. */
export function changeDraft(draft: MappingDraft, change: Partial<MappingDraft>): MappingDraft {
  const next = { ...draft, ...change };
  if ('time' in change && change.time !== draft.time) delete next.timeFormat;
  return next;
}

/** The mapped fields a column can hold, in the order the mapping step lists them. */
export const MAPPED_COLUMNS = ['user', 'category', 'categoryName', 'time', 'action', 'count'] as const;
export type MappedColumn = (typeof MAPPED_COLUMNS)[number];

/** The field that imports one of a duplicated header's columns, or null when none of them is mapped. */
export function fieldUsing(draft: MappingDraft, duplicate: DuplicateHeader): MappedColumn | null {
  return MAPPED_COLUMNS.find((field) => duplicate.columns.includes(draft[field] ?? -1)) ?? null;
}

/** A header named twice: import `column` instead of the twin the draft uses (a time column drops its format). */
export function chooseDuplicateColumn(
  draft: MappingDraft,
  duplicate: DuplicateHeader,
  column: number,
): MappingDraft {
  const field = fieldUsing(draft, duplicate);
  return field ? changeDraft(draft, { [field]: column }) : draft;
}

/** The ColumnMapping a draft stands for, or null while a required column is missing. */
export function completeMapping(draft: MappingDraft): ColumnMapping | null {
  const { user, category, time } = draft;
  if (user === null || category === null || time === null) return null;
  if (draft.action === null && !draft.fixedAction) return null;
  return { ...draft, user, category, time };
}
