import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { clearData } from '../../store/dataActions';
import { isDataBusy } from '../../store/dataSlice';
import type { DatasetInfo, PersistenceStatus } from '../../worker/protocol/dataMessages';
import { formatDateTime } from '../format';
import { DropChoice } from './DropChoice';
import { DropZone } from './DropZone';
import { JobStatus } from './JobStatus';
import { MappingStep } from './MappingStep';
import { FileErrors, ReportView } from './ReportView';
import { TooBigNotice } from './TooBigNotice';

/** Step 1: load event logs (or the demo dataset), check the import report and the summary. */
export function DataScreen() {
  const { status, dataset, error, failedReport, notice } = useLab(
    useShallow((s) => ({
      status: s.dataStatus,
      dataset: s.dataset,
      error: s.dataError,
      failedReport: s.failedReport,
      notice: s.dataNotice,
    })),
  );
  const choosing = useLab((s) => s.dropChoice !== null);
  const busy = isDataBusy(status) || status === 'mapping' || choosing;
  return (
    <div className="screen data-screen">
      {status !== 'restoring' && status !== 'mapping' && <DropZone busy={busy} compact={dataset !== null} />}
      {dataset && <DropChoice dataset={dataset} />}
      <JobStatus />
      <MappingStep />
      <TooBigNotice />
      {error && (
        <div className="panel panel-error" role="alert" data-testid="data-error">
          <p>
            <strong>{error}</strong>
          </p>
          {failedReport && (
            <FileErrors files={failedReport.files.filter((f) => f.error)} lead="Each file's problem:" />
          )}
        </div>
      )}
      {notice && !busy && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {dataset && status !== 'restoring' && (
        <>
          <DatasetBar dataset={dataset} busy={busy} />
          <ReportView dataset={dataset} />
        </>
      )}
    </div>
  );
}

function DatasetBar({ dataset, busy }: { dataset: DatasetInfo; busy: boolean }) {
  const persistence = useLab((s) => s.persistence);
  const source = dataset.source === 'demo' ? 'Demo dataset' : 'Imported dataset';
  return (
    <div className="dataset-bar">
      <div>
        <h2>{source}</h2>
        <span className="muted small">loaded {formatDateTime(dataset.loadedAt)}</span>
      </div>
      <PersistenceLine persistence={persistence} />
      <button type="button" className="danger" disabled={busy} onClick={() => void clearData()}>
        Clear data
      </button>
    </div>
  );
}

function PersistenceLine({ persistence }: { persistence: PersistenceStatus }) {
  switch (persistence.state) {
    case 'saving':
      return <span className="persistence muted">Saving in this browser…</span>;
    case 'saved':
      return <span className="persistence ok">Saved in this browser: kept across reloads.</span>;
    case 'failed':
      return (
        <span className="persistence error-text" role="alert">
          {persistence.message}
        </span>
      );
    default:
      return <span className="persistence" />;
  }
}
