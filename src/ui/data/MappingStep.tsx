import { proposeAction } from '../../core/events';
import type { SourceSniff, Action } from '../../core/events';
import { useLab } from '../../store';
import {
  cancelMapping,
  confirmMapping,
  excludeFromImport,
  updateMappingDraft,
} from '../../store/dataActions';
import { completeMapping } from '../../store/mappingDraft';
import type { MappingDraft } from '../../worker/protocol/dataMessages';
import type { MappedColumn } from '../../store/mappingDraft';
import { describeLayout, withoutFileName } from './labels';
import { columnLabel, DateOrderChoice, DuplicateHeaderChoice } from './MappingExtras';

const ROLES: { role: MappedColumn; label: string; none: string | null }[] = [
  { role: 'user', label: 'User', none: null },
  { role: 'category', label: 'Category', none: null },
  { role: 'categoryName', label: 'Category name', none: 'none: categories shown by id' },
  { role: 'time', label: 'Time', none: null },
  { role: 'action', label: 'Action', none: 'none: one action for the whole file' },
  { role: 'count', label: 'Count', none: 'none: each row counts 1' },
];
const ACTION_CHOICES: (Action | 'skip')[] = ['purchase', 'click', 'skip'];

/** Shown when a file's layout was not recognised: a preview, a column per role, and the action values. */
export function MappingStep() {
  const mapping = useLab((s) => s.mapping);
  if (!mapping) return null;
  const ready = Object.values(mapping.drafts).every((d) => completeMapping(d) !== null);
  return (
    <section className="panel mapping" aria-label="Column mapping">
      <h2>Tell Tag Lab which column holds what</h2>
      {mapping.sniffed.map((sniff, i) =>
        mapping.drafts[i] ? (
          <MappingCard key={i} index={i} sniff={sniff} draft={mapping.drafts[i]} />
        ) : (
          <p key={i} className="muted other-file">
            <span className="filename">{sniff.name}</span>:{' '}
            {mapping.excluded.includes(i) ? 'left out of this import.' : otherFileLine(sniff)}
          </p>
        ),
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={!ready} onClick={() => void confirmMapping()}>
          Import
        </button>
        <button type="button" onClick={cancelMapping}>
          Cancel
        </button>
        {!ready && (
          <span className="muted small">
            Choose the user, category and time columns and the action of each file, or leave the file out.
          </span>
        )}
      </div>
    </section>
  );
}

function otherFileLine(sniff: SourceSniff): string {
  if (sniff.unusable) return `cannot be imported: ${sniff.problems.join(' ')}`;
  return `recognised (${describeLayout(sniff.layout, sniff.role)}), imports as it is.`;
}

function MappingCard({ index, sniff, draft }: { index: number; sniff: SourceSniff; draft: MappingDraft }) {
  const roleOf = (column: number) => ROLES.find(({ role }) => draft[role] === column)?.label;
  return (
    <div className="mapping-card" data-testid="mapping-card">
      <h3 className="card-title">
        <button type="button" className="link-button" onClick={() => excludeFromImport(index)}>
          Leave this file out
        </button>
        <span className="filename">{sniff.name}</span>
        <span className="muted small">
          {' '}
          ·{' '}
          {sniff.format === 'parquet'
            ? 'Parquet'
            : `${sniff.hasHeader ? 'with a header row' : 'no header row'} · delimiter “${sniff.delimiter}”`}
        </span>
      </h3>
      <p className="muted">
        Tag Lab did not recognise this file&apos;s columns by name. Check the choices below (guessed from the
        values where possible), or leave the file out.
      </p>
      {sniff.problems.length > 0 && (
        <ul className="warnings small">
          {sniff.problems.map((p) => (
            <li key={p}>{withoutFileName(sniff.name, p)}</li>
          ))}
        </ul>
      )}
      <div className="table-scroll">
        <table className="data-table preview">
          <thead>
            <tr>
              {sniff.header.map((name, c) => (
                <th key={c}>
                  {name}
                  <span className="role-tag">{roleOf(c) ?? '\u00a0'}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sniff.rows.slice(0, 6).map((row, r) => (
              <tr key={r}>
                {sniff.header.map((_, c) => (
                  <td key={c}>{row[c] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="role-grid">
        {ROLES.map(({ role, label, none }) => (
          <label key={role}>
            <span>{label}</span>
            <select
              value={draft[role] ?? ''}
              onChange={(e) =>
                updateMappingDraft(index, { [role]: e.target.value === '' ? null : Number(e.target.value) })
              }
            >
              <option value="">{none ?? '— choose a column —'}</option>
              {sniff.header.map((_, c) => (
                <option key={c} value={c}>
                  {columnLabel(sniff, c)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <DuplicateHeaderChoice index={index} sniff={sniff} draft={draft} />
      <DateOrderChoice index={index} sniff={sniff} draft={draft} />
      {draft.action === null ? (
        <FixedAction index={index} draft={draft} />
      ) : (
        <ActionValues index={index} sniff={sniff} draft={draft} />
      )}
    </div>
  );
}

function FixedAction({ index, draft }: { index: number; draft: MappingDraft }) {
  return (
    <fieldset className="inline-choice">
      <legend>Every row of this file is a</legend>
      {(['purchase', 'click'] as const).map((action) => (
        <label key={action}>
          <input
            type="radio"
            name={`fixed-action-${index}`}
            checked={draft.fixedAction === action}
            onChange={() => updateMappingDraft(index, { fixedAction: action })}
          />
          {action}
        </label>
      ))}
    </fieldset>
  );
}

/** The action values seen in the chosen column, each mapped to purchase, click or skip. */
function ActionValues({ index, sniff, draft }: { index: number; sniff: SourceSniff; draft: MappingDraft }) {
  const values = actionValuesOf(sniff, draft);
  if (values.length === 0) return null;
  return (
    <div className="action-values">
      <span>Action values in the first rows:</span>
      {values.map(({ value, proposed }) => (
        <label key={value}>
          <span className="value">{value}</span>
          <select
            value={draft.actionMap?.[value] ?? proposed}
            onChange={(e) =>
              updateMappingDraft(index, {
                actionMap: { ...draft.actionMap, [value]: e.target.value as Action | 'skip' },
              })
            }
          >
            {ACTION_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice === 'skip' ? 'skip (not imported)' : choice}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}

function actionValuesOf(
  sniff: SourceSniff,
  draft: MappingDraft,
): { value: string; proposed: Action | 'skip' }[] {
  if (sniff.mapping && draft.action === sniff.mapping.action) return sniff.actionValues;
  const column = draft.action ?? -1;
  const seen = new Set(sniff.rows.map((row) => row[column] ?? '').filter((v) => v !== ''));
  return [...seen].map((value) => ({ value, proposed: proposeAction(value) }));
}
