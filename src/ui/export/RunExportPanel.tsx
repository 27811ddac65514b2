import { useShallow } from 'zustand/react/shallow';
import { runWorkers, type RunRecord } from '../../core/runs';
import { useLab } from '../../store';
import { chooseExportRun, downloadArtifact, exportableRuns } from '../../store/exportActions';
import type { RestoredBundle } from '../../store/exportSlice';
import { describeBackend, describeWorkers } from '../../store/trainProgress';
import type { ExportArtifact } from '../../worker/protocol/exportMessages';
import { formatDateTime } from '../format';
import { FitNote } from './FitNote';
import { saveDownload } from './saveDownload';

const fixed = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3);

function RunFacts({ run, restored }: { run: RunRecord; restored: RestoredBundle | undefined }) {
  const spec = run.featureSpec;
  return (
    <dl className="facts" data-testid="export-run-facts">
      <dt>Model</dt>
      <dd>
        {run.kind} · {run.paramCount.toLocaleString('en-US')} parameters
      </dd>
      <dt>Trained</dt>
      <dd>
        {formatDateTime(run.startedAt)} · {run.epochs.length} epochs ·{' '}
        {describeBackend(run.backend, run.renderer)} · {describeWorkers(runWorkers(run))}
      </dd>
      <dt>Validation</dt>
      <dd>
        accuracy {fixed(run.validation?.accuracy)} · ROC AUC {fixed(run.validation?.rocAuc)} · F1{' '}
        {fixed(run.validation?.f1)}
      </dd>
      <dt>Inputs</dt>
      <dd>
        {spec.vocabulary.length.toLocaleString('en-US')} categories · {spec.months} months · {spec.days} days
        · {spec.transform}
      </dd>
      <dt>Data</dt>
      <dd>
        <code>{run.dataFingerprint}</code>
      </dd>
      {restored && (
        <>
          <dt>Restored</dt>
          <dd>
            from <span className="filename">{restored.fileName}</span> (exported{' '}
            {formatDateTime(restored.exportedAt)})
          </dd>
        </>
      )}
    </dl>
  );
}

const BUTTONS: { artifact: ExportArtifact; label: string; primary?: boolean }[] = [
  { artifact: 'bundle', label: 'Download bundle (.zip)', primary: true },
  { artifact: 'model-zip', label: 'Model files (.zip)' },
  { artifact: 'model-files', label: 'model.json + weights.bin' },
];

/** Choose a run and download its bundle or its TF.js model files. */
export function RunExportPanel({ run }: { run: RunRecord | null }) {
  const s = useLab(
    useShallow((st) => ({
      allRuns: st.runs,
      restored: st.restored,
      downloading: st.downloading,
      loadedAt: st.dataset?.loadedAt ?? null,
      error: st.downloadError,
    })),
  );
  if (!run) {
    return (
      <section className="panel" aria-label="Run to export">
        <h2>Run to export</h2>
        <p className="muted">
          No trained run yet. Train one on the Train screen, or drop a bundle zip to restore a run exported
          before.
        </p>
      </section>
    );
  }
  const restored = s.restored[run.id];
  const runs = exportableRuns({ runs: s.allRuns });
  return (
    <section className="panel export-run" aria-label="Run to export">
      <h2>Run to export</h2>
      <label className="run-choice">
        <span className="muted small">Run</span>
        <select value={run.id} onChange={(e) => chooseExportRun(e.target.value)} aria-label="Run to export">
          {runs.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} · {r.kind}
              {s.restored[r.id] ? ' · restored' : ''}
              {r.status === 'stopped' ? ' · stopped early' : ''}
            </option>
          ))}
        </select>
      </label>
      <RunFacts run={run} restored={restored} />
      {restored?.fit && restored.datasetLoadedAt === s.loadedAt && <FitNote fit={restored.fit} />}
      <div className="export-buttons">
        {BUTTONS.map((b) => (
          <button
            key={b.artifact}
            type="button"
            className={b.primary ? 'primary' : undefined}
            disabled={s.downloading !== null}
            onClick={() => void downloadArtifact(run.id, b.artifact, saveDownload)}
          >
            {s.downloading === b.artifact ? 'Preparing…' : b.label}
          </button>
        ))}
      </div>
      {s.error && (
        <p className="error-text" role="alert">
          {s.error}
        </p>
      )}
      <p className="muted small">
        The bundle holds <code>model.json</code> and <code>weights.bin</code> (TF.js layers format) with{' '}
        <code>tag-lab.json</code> (feature spec, rules, hyperparameters, metrics, backend, seed, data
        fingerprint) and a README. Load it with <code>tf.loadLayersModel</code>, convert it to Keras with{' '}
        <code>tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras</code>, or score
        new data with <code>npm run cli -- score --model DIR FILE... --out scores.csv</code> on the unzipped
        folder. Keep model.json and weights.bin side by side under these names: model.json refers to
        weights.bin.
      </p>
    </section>
  );
}
