// The mapping step's editable drafts: built from what sniffing proposed, changed one choice at a time.

import type { SourceSniff, ColumnMapping } from '../core/events';
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

/** The ColumnMapping a draft stands for, or null while a required column is missing. */
export function completeMapping(draft: MappingDraft): ColumnMapping | null {
  const { user, category, time } = draft;
  if (user === null || category === null || time === null) return null;
  if (draft.action === null && !draft.fixedAction) return null;
  return { ...draft, user, category, time };
}
