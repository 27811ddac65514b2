import type { FileReport, ImportReport } from '../../core/events';
import type { DatasetInfo } from '../../worker/protocol/dataMessages';
import { formatCount } from '../format';
import { describeLayout, describeRole, withoutFileName } from './labels';
import { AddedSummary, CategoryNamesPanel, DuplicatesPanel, describeTimes } from './ReportDetails';
import { SkippedRows } from './SkippedRows';
import { SummaryCharts } from './SummaryCharts';

/** The loaded dataset: counts, files, skipped rows, warnings and the summary charts. */
export function ReportView({ dataset }: { dataset: DatasetInfo }) {
  const { report } = dataset;
  const failed = report.files.filter((f) => f.error);
  return (
    <section className="report" aria-label="Import report">
      {failed.length > 0 && (
        <FileErrors files={failed} lead="Some files could not be imported; the others were." />
      )}
      <AddedSummary dataset={dataset} />
      <Stats report={report} added={dataset.addedTo !== undefined} />
      <div className="report-grid">
        <div className="panel">
          <h2>Events by action</h2>
          <ActionCounts report={report} />
          {Object.keys(report.otherBehaviours).length > 0 && (
            <p className="muted small table-note">Other behaviours (cart, fav…) are skipped unless mapped.</p>
          )}
        </div>
        {report.files.length > 0 ? (
          <div className="panel">
            <h2>Files</h2>
            <FilesTable files={report.files} />
          </div>
        ) : (
          <div className="panel">
            <h2>Source</h2>
            <p className="muted">
              Generated in this browser by the seeded demo generator: no files, so nothing was skipped.
            </p>
          </div>
        )}
      </div>
      <DuplicatesPanel dataset={dataset} />
      <CategoryNamesPanel report={report} />
      {report.files.length > 0 && (
        <div className="panel">
          <h2>Skipped rows</h2>
          <SkippedRows skipped={report.skipped} />
        </div>
      )}
      {report.warnings.length > 0 && (
        <div className="panel panel-warning">
          <h2>Warnings</h2>
          <ul className="warnings">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <SummaryCharts summary={dataset.summary} />
    </section>
  );
}

/** After an add, rows read are the added files' rows while the other tiles describe the whole dataset. */
function Stats({ report, added }: { report: ImportReport; added: boolean }) {
  const range = report.dateRange ? `${report.dateRange.from} → ${report.dateRange.to}` : '—';
  const tiles: [string, string, boolean][] = [
    [added ? 'Rows read (added files)' : 'Rows read', formatCount(report.rows), false],
    ['Events kept', formatCount(report.events), false],
    ['Users', formatCount(report.users), false],
    ['Categories', formatCount(report.categories), false],
    ['Date range', range, true],
    ['Users with known truth', formatCount(report.truthUsers), false],
  ];
  return (
    <dl className="stats" data-testid="report-stats">
      {tiles.map(([label, value, wide]) => (
        <div key={label} className={wide ? 'stat stat-wide' : 'stat'}>
          <dt>{label}</dt>
          <dd className="num">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ActionCounts({ report }: { report: ImportReport }) {
  const others = Object.entries(report.otherBehaviours).sort((a, b) => b[1] - a[1]);
  return (
    <table className="data-table compact" aria-label="Events by action">
      <tbody>
        <tr>
          <th scope="row">purchase</th>
          <td className="num">{formatCount(report.actions.purchase)}</td>
          <td className="muted">kept</td>
        </tr>
        <tr>
          <th scope="row">click</th>
          <td className="num">{formatCount(report.actions.click)}</td>
          <td className="muted">kept</td>
        </tr>
        {others.map(([value, count]) => (
          <tr key={value}>
            <th scope="row">{value}</th>
            <td className="num">{formatCount(count)}</td>
            <td className="muted">skipped</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FilesTable({ files }: { files: FileReport[] }) {
  return (
    <table className="data-table" aria-label="Files">
      <thead>
        <tr>
          <th>File</th>
          <th>Read as</th>
          <th>Times</th>
          <th className="num">Rows</th>
          <th className="num">Kept</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {files.map((file, i) => (
          <tr key={i} className={file.error ? 'row-error' : undefined}>
            <td className="filename nowrap">{file.name}</td>
            <td className="nowrap">
              {file.error ? describeRole(file.role) : describeLayout(file.layout, file.role)}
            </td>
            <td className="small">{describeTimes(file)}</td>
            <td className="num">{formatCount(file.rows)}</td>
            <td className="num">{formatCount(file.events)}</td>
            <td>
              {file.error ? (
                <span className="error-text">{withoutFileName(file.name, file.error)}</span>
              ) : (
                'imported'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FileErrors({ files, lead }: { files: FileReport[]; lead: string }) {
  return (
    <div className="panel panel-error" role="alert" data-testid="file-errors">
      <p>
        <strong>{lead}</strong>
      </p>
      <ul>
        {files.map((file, i) => (
          <li key={i}>
            <span className="filename">{file.name}</span>: {withoutFileName(file.name, file.error ?? '')}
          </li>
        ))}
      </ul>
    </div>
  );
}
