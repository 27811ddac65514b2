import { useState } from 'react';
import type { RunRecord } from '../../core/runs';
import { diffSettings } from './compareLogic';

/** Every setting of the compared runs side by side; rows where they differ are highlighted. */
export function SettingsDiff({ runs, colours }: { runs: RunRecord[]; colours: Record<string, string> }) {
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const rows = diffSettings(runs);
  const shown = onlyDifferences ? rows.filter((r) => r.differs) : rows;
  const differing = rows.filter((r) => r.differs).length;
  return (
    <section className="panel" aria-label="Settings side by side">
      <div className="panel-title-row">
        <h2>
          Settings side by side{' '}
          <span className="muted small">
            ·{' '}
            {differing === 0 ? 'no differences' : `${differing} setting${differing === 1 ? '' : 's'} differ`}
          </span>
        </h2>
        <label className="small">
          <input
            type="checkbox"
            checked={onlyDifferences}
            onChange={(e) => setOnlyDifferences(e.target.checked)}
          />{' '}
          Only differences
        </label>
      </div>
      <div className="table-scroll">
        <table className="data-table settings-diff" data-testid="settings-diff">
          <thead>
            <tr>
              <th>Setting</th>
              {runs.map((run) => (
                <th key={run.id}>
                  <span className="swatch" style={{ background: colours[run.id] }} aria-hidden="true" />{' '}
                  {run.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.label} className={row.differs ? 'differs' : undefined} data-differs={row.differs}>
                <th scope="row">{row.label}</th>
                {row.values.map((v, i) => (
                  <td key={runs[i].id} className="small">
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
