import type { ImportReport, SkippedRow } from '../../core/events';
import { formatCount } from '../format';
import { describeReason } from './labels';

/** Skipped rows by reason, with the first few of each: file, row number, and the values as they were. */
export function SkippedRows({ skipped }: { skipped: ImportReport['skipped'] }) {
  const reasons = Object.entries(skipped).filter(([, entry]) => entry && entry.count > 0);
  if (reasons.length === 0) return <p className="muted">No rows were skipped.</p>;
  return (
    <table className="data-table skipped" aria-label="Skipped rows">
      <thead>
        <tr>
          <th>Reason</th>
          <th className="num">Rows</th>
          <th>First examples (file, row: values)</th>
        </tr>
      </thead>
      <tbody>
        {reasons.map(([reason, entry]) => (
          <tr key={reason}>
            <td>{describeReason(reason)}</td>
            <td className="num">{formatCount(entry!.count)}</td>
            <td>
              <ul className="examples">
                {entry!.examples.map((example, i) => (
                  <Example key={i} example={example} />
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Example({ example }: { example: SkippedRow }) {
  return (
    <li>
      <span className="muted">
        {example.file}, row {example.row}:
      </span>{' '}
      <code>{example.values.join(', ')}</code>
    </li>
  );
}
