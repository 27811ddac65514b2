import { addFiles, DEMO_USERS, loadDemo } from '../../store/dataActions';
import { formatCount } from '../format';
import { useFileDrop } from '../shared/useFileDrop';

/** What the core reads: delimited text, gzipped or not, and Parquet. */
const ACCEPTED_FILES = '.csv,.tsv,.txt,.gz,.parquet,text/csv,text/plain,application/gzip';

interface Props {
  busy: boolean;
  /** a slimmer zone once a dataset is loaded */
  compact: boolean;
}

/** Drop CSV files here or pick them; or load the demo dataset. */
export function DropZone({ busy, compact }: Props) {
  const { over, openPicker, zoneHandlers, inputProps } = useFileDrop({
    busy,
    onFiles: (files) => void addFiles(files),
  });

  const className = ['dropzone', compact ? 'dropzone-compact' : '', over ? 'dropzone-over' : ''].join(' ');
  return (
    <section className={className} data-testid="dropzone" aria-label="Drop CSV files here" {...zoneHandlers}>
      <div className="dropzone-text">
        <strong>{compact ? 'Load other files' : 'Drop CSV files here'}</strong>
        {!compact && (
          <span className="muted">
            Event logs (user, category, time, action, optional count; CSV, TSV, .gz or Parquet), and
            optionally a category dictionary (category_id, name) and a truth file (user_id, label). Drop them
            together: they combine into one dataset.
          </span>
        )}
        {compact && (
          <span className="muted">
            Drop files here (the next month of an export, say): you choose to add them to the loaded dataset
            or replace it.
          </span>
        )}
      </div>
      <div className="dropzone-actions">
        <button type="button" className="primary" disabled={busy} onClick={openPicker}>
          Choose files…
        </button>
        <button type="button" disabled={busy} onClick={() => void loadDemo()}>
          Use the demo dataset
        </button>
        {!compact && (
          <span className="muted small">{formatCount(DEMO_USERS)} synthetic users, generated here</span>
        )}
      </div>
      <input
        {...inputProps}
        multiple
        accept={ACCEPTED_FILES}
        aria-label="Choose CSV files"
        data-testid="file-input"
      />
    </section>
  );
}
