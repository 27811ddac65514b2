import { useRef, useState, type DragEvent } from 'react';
import { addFiles, DEMO_USERS, loadDemo } from '../../store/dataActions';
import { formatCount } from '../format';

interface Props {
  busy: boolean;
  /** a slimmer zone once a dataset is loaded */
  compact: boolean;
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** Drop CSV files here or pick them; or load the demo dataset. */
export function DropZone({ busy, compact }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (busy) return;
    void addFiles(Array.from(event.dataTransfer.files));
  };

  const className = ['dropzone', compact ? 'dropzone-compact' : '', over ? 'dropzone-over' : ''].join(' ');
  return (
    <section
      className={className}
      data-testid="dropzone"
      aria-label="Drop CSV files here"
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="dropzone-text">
        <strong>{compact ? 'Load other files' : 'Drop CSV files here'}</strong>
        {!compact && (
          <span className="muted">
            Event logs (user, category, time, action, optional count), and optionally a category dictionary
            (category_id, name) and a truth file (user_id, label). Drop them together: they combine into one
            dataset.
          </span>
        )}
        {compact && (
          <span className="muted">Drop files here; a new import replaces the current dataset.</span>
        )}
      </div>
      <div className="dropzone-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => input.current?.click()}>
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
        ref={input}
        type="file"
        multiple
        accept=".csv,.tsv,.txt,text/csv,text/plain"
        hidden
        aria-label="Choose CSV files"
        data-testid="file-input"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          void addFiles(files);
        }}
      />
    </section>
  );
}
