// The mapping step's choices that real exports need: which of a header's twin columns to import, and how slashed
// dates are read.

import type { DateOrder, SourceSniff } from '../../core/events';
import { chooseDuplicateHeader, updateMappingDraft } from '../../store/dataActions';
import { fieldUsing } from '../../store/mappingDraft';
import type { MappingDraft } from '../../worker/protocol/dataMessages';

/** A column's name in the choices: with its position when the header names it more than once. */
export function columnLabel(sniff: SourceSniff, column: number): string {
  const name = sniff.header[column];
  const twins = sniff.header.filter((n) => n.trim().toLowerCase() === name.trim().toLowerCase()).length;
  return twins > 1 ? `${name} (column ${column + 1})` : name;
}

/** Each duplicated header name: its columns, and a choice of the one to import. */
export function DuplicateHeaderChoice({
  index,
  sniff,
  draft,
}: {
  index: number;
  sniff: SourceSniff;
  draft: MappingDraft;
}) {
  const duplicates = sniff.duplicateHeaders ?? [];
  if (duplicates.length === 0) return null;
  return (
    <div className="duplicate-headers" data-testid="duplicate-headers">
      {duplicates.map((duplicate) => {
        const field = fieldUsing(draft, duplicate);
        const used = field ? draft[field] : null;
        return (
          <fieldset key={duplicate.name} className="inline-choice">
            <legend>
              The header names “{duplicate.name}” in columns{' '}
              {duplicate.columns.map((c) => c + 1).join(' and ')}
              {field ? '; import' : ' (neither is imported)'}
            </legend>
            {field &&
              duplicate.columns.map((column) => (
                <label key={column}>
                  <input
                    type="radio"
                    name={`duplicate-${index}-${duplicate.name}`}
                    checked={used === column}
                    onChange={() => chooseDuplicateHeader(index, duplicate, column)}
                  />
                  column {column + 1}
                  <span className="muted small"> (e.g. {sniff.rows[0]?.[column] || 'empty'})</span>
                </label>
              ))}
          </fieldset>
        );
      })}
    </div>
  );
}

const DATE_ORDERS: { value: DateOrder | ''; label: string }[] = [
  { value: '', label: 'as detected' },
  { value: 'day-first', label: 'day first (15/03/2024)' },
  { value: 'month-first', label: 'month first (03/15/2024)' },
];

/** How slashed dates (03/04/2024) are read: shown when the time column holds any. */
export function DateOrderChoice({
  index,
  sniff,
  draft,
}: {
  index: number;
  sniff: SourceSniff;
  draft: MappingDraft;
}) {
  const slashed =
    sniff.dateOrderReason ||
    (sniff.timeForms ?? []).some((f) => f === 'day-first' || f === 'month-first') ||
    draft.dateOrder;
  if (!slashed) return null;
  return (
    <div className="date-order">
      <label>
        <span>Slashed dates</span>
        <select
          value={draft.dateOrder ?? ''}
          onChange={(e) =>
            updateMappingDraft(index, { dateOrder: (e.target.value || undefined) as DateOrder | undefined })
          }
        >
          {DATE_ORDERS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {sniff.dateOrderReason && <span className="muted small">{sniff.dateOrderReason}</span>}
    </div>
  );
}
