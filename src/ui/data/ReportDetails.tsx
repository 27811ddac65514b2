// The parts of the import report that real exports bring: files added to a loaded dataset, events held by more than
// one file, category names read beside the ids, and how each file's times were read.

import { TIME_FORMAT_LABELS, type FileReport, type ImportReport, type TimeFormat } from '../../core/events';
import type { DatasetInfo } from '../../worker/protocol/dataMessages';
import { formatCount } from '../format';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function growth(now: number, before: number): string {
  const added = now - before;
  return `${formatCount(now)} (${added >= 0 ? '+' : '−'}${formatCount(Math.abs(added))})`;
}

/** After an add: what the dataset held before, what the added files brought, and what it holds now. */
export function AddedSummary({ dataset }: { dataset: DatasetInfo }) {
  const before = dataset.addedTo;
  if (!before) return null;
  const { report } = dataset;
  const added = report.files.filter((f) => !f.error).map((f) => f.name);
  return (
    <div className="panel added-summary" data-testid="added-summary">
      <h2>Added to the loaded dataset</h2>
      <p>
        <span className="filename">{added.join(', ')}</span> joined the dataset built from{' '}
        <span className="filename">{before.files.join(', ') || 'earlier files'}</span>.
      </p>
      <table className="data-table compact" aria-label="Before and after the add">
        <thead>
          <tr>
            <th />
            <th className="num">Before</th>
            <th className="num">Now (added)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Events</th>
            <td className="num">{formatCount(before.events)}</td>
            <td className="num">{growth(report.events, before.events)}</td>
          </tr>
          <tr>
            <th scope="row">Users</th>
            <td className="num">{formatCount(before.users)}</td>
            <td className="num">{growth(report.users, before.users)}</td>
          </tr>
          <tr>
            <th scope="row">Categories</th>
            <td className="num">{formatCount(before.categories)}</td>
            <td className="num">{growth(report.categories, before.categories)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Events found in more than one file: how many, whether they were dropped, and the first few. */
export function DuplicatesPanel({ dataset }: { dataset: DatasetInfo }) {
  const duplicates = dataset.report.duplicates;
  if (!duplicates) return null;
  const names = dataset.reportNames ?? {};
  return (
    <div className="panel" data-testid="duplicates">
      <h2>Events in more than one file</h2>
      {duplicates.count === 0 ? (
        <p className="muted">None: no file repeats an event another file holds.</p>
      ) : (
        <>
          <p>
            {plural(duplicates.count, 'event')} appeared again in another file and{' '}
            {duplicates.count === 1 ? 'was' : 'were'}{' '}
            {duplicates.dropped ? 'counted once (the copy dropped).' : 'kept.'}
          </p>
          <table className="data-table compact" aria-label="Duplicated events">
            <thead>
              <tr>
                <th>User</th>
                <th>Category</th>
                <th>Date</th>
                <th>Again in</th>
              </tr>
            </thead>
            <tbody>
              {duplicates.examples.map((e, i) => (
                <tr key={i}>
                  <td className="nowrap">{e.user}</td>
                  <td title={e.category}>{names[e.category] ?? e.category}</td>
                  <td className="nowrap">{e.date}</td>
                  <td className="filename">{e.file}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** Names read beside the category ids (REES46 category_code and the like), and ids written with several names. */
export function CategoryNamesPanel({ report }: { report: ImportReport }) {
  const names = report.categoryNames;
  if (!names) return null;
  return (
    <div className="panel" data-testid="category-names">
      <h2>Category names</h2>
      <p>
        {plural(names.fromEvents, 'category id')} named from a name column in the events; the id stays the key
        and the name is shown wherever the category is.
        {names.conflicting > 0
          ? ` ${plural(names.conflicting, 'id')} had more than one name: the most frequent was kept.`
          : ' No id had conflicting names.'}
      </p>
      {names.examples.length > 0 && (
        <ul className="small">
          {names.examples.map((e) => (
            <li key={e.id}>
              <span className="muted">{e.id}</span>:{' '}
              {e.names.map((n, i) => (
                <span key={n.name}>
                  {i > 0 && ', '}
                  {i === 0 ? <strong>{n.name}</strong> : n.name} ({plural(n.rows, 'row')})
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** How a file's time column was read: its form, the mix of forms when there were several, the date order. */
export function describeTimes(file: FileReport): string {
  const parts: string[] = [];
  const forms = Object.entries(file.timeForms ?? {}) as [TimeFormat, number][];
  if (forms.length > 1)
    parts.push(forms.map(([form, n]) => `${TIME_FORMAT_LABELS[form]}: ${formatCount(n)}`).join('; '));
  else if (file.timeFormat) parts.push(TIME_FORMAT_LABELS[file.timeFormat]);
  if (file.dateOrder) parts.push(file.dateOrder);
  return parts.join('. ');
}
