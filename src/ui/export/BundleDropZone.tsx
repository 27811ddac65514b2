import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { dismissImportError, importBundleFiles } from '../../store/exportActions';
import { useFileDrop } from '../shared/useFileDrop';

/** Drop a bundle zip (or pick one) to restore its run: settings, metrics and weights. */
export function BundleDropZone() {
  const s = useLab(useShallow((st) => ({ importing: st.importing, error: st.importError })));
  const busy = s.importing !== null;
  const { over, openPicker, zoneHandlers, inputProps } = useFileDrop({
    busy,
    onFiles: (files) => void importBundleFiles(files),
  });

  return (
    <section
      className={`dropzone bundle-drop ${over ? 'dropzone-over' : ''}`}
      data-testid="bundle-dropzone"
      aria-label="Drop a bundle zip here"
      {...zoneHandlers}
    >
      <div className="dropzone-text">
        <strong>Restore a run from a bundle</strong>
        <span className="muted">
          Drop a bundle .zip exported by Tag Lab: its run (settings, metrics, weights) joins the runs list and
          can score the loaded dataset.
        </span>
      </div>
      <div className="dropzone-actions">
        <button type="button" disabled={busy} onClick={openPicker}>
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
        {...inputProps}
        accept=".zip,application/zip"
        aria-label="Choose a bundle zip"
        data-testid="bundle-input"
      />
    </section>
  );
}
