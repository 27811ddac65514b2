import { useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { dismissImportError, importBundleFiles } from '../../store/exportActions';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** Drop a bundle zip (or pick one) to restore its run: settings, metrics and weights. */
export function BundleDropZone() {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const s = useLab(useShallow((st) => ({ importing: st.importing, error: st.importError })));
  const busy = s.importing !== null;

  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!busy) void importBundleFiles(Array.from(event.dataTransfer.files));
  };

  return (
    <section
      className={`dropzone bundle-drop ${over ? 'dropzone-over' : ''}`}
      data-testid="bundle-dropzone"
      aria-label="Drop a bundle zip here"
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="dropzone-text">
        <strong>Restore a run from a bundle</strong>
        <span className="muted">
          Drop a bundle .zip exported by Tag Lab: its run (settings, metrics, weights) joins the runs list and
          can score the loaded dataset.
        </span>
      </div>
      <div className="dropzone-actions">
        <button type="button" disabled={busy} onClick={() => input.current?.click()}>
          Choose bundle…
        </button>
        {busy && (
          <span className="muted small" role="status">
            Restoring {s.importing}…
          </span>
        )}
      </div>
      {s.error && (
        <div className="panel panel-error import-error" role="alert" data-testid="import-error">
          <div>
            <strong>
              Could not restore <span className="filename">{s.error.fileName}</span>.
            </strong>{' '}
            {s.error.message}
          </div>
          <button type="button" onClick={dismissImportError}>
            Dismiss
          </button>
        </div>
      )}
      <input
        ref={input}
        type="file"
        accept=".zip,application/zip"
        hidden
        aria-label="Choose a bundle zip"
        data-testid="bundle-input"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          void importBundleFiles(files);
        }}
      />
    </section>
  );
}
