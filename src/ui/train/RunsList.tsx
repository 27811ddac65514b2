import { useShallow } from 'zustand/react/shallow';
import { runWorkers, type RunRecord } from '../../core/runs';
import { useLab } from '../../store';
import { selectRun } from '../../store/runsActions';
import type { QueuedRun, RunProgress } from '../../store/runsSlice';
import { resumeRun, stopRun } from '../../store/trainActions';
import { describeBackend, describeWorkers, formatDuration } from '../../store/trainProgress';
import { describeKeyHyperparameters } from '../../store/trainSettings';

const fixed = (v: number | undefined | null, digits = 3) =>
  v === undefined || v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits);

function StatusCell({ record, live }: { record: RunRecord; live: RunProgress | undefined }) {
  if (live) {
    const pct = live.totalBatches > 0 ? Math.floor((live.batchesDone / live.totalBatches) * 100) : 0;
    return (
      <span className="status status-running">
        {live.stopRequested ? 'stopping' : live.phase === 'training' ? `running ${pct}%` : live.phase}
      </span>
    );
  }
  return (
    <span className={`status status-${record.status}`} title={record.message ?? undefined}>
      {record.status}
      {record.message && <span className="status-message">{record.message}</span>}
    </span>
  );
}

function RunRow({
  record,
  live,
  selected,
  resumable,
}: {
  record: RunRecord;
  live: RunProgress | undefined;
  selected: boolean;
  resumable: boolean;
}) {
  const lastEpoch = record.epochs[record.epochs.length - 1];
  const valAccuracy = record.validation?.accuracy ?? lastEpoch?.valAccuracy;
  const duration = live ? live.elapsedMs : record.durationMs;
  return (
    <tr
      className={selected ? 'selected' : undefined}
      aria-selected={selected}
      data-testid="run-row"
      data-status={live ? 'running' : record.status}
      onClick={() => selectRun(record.id)}
    >
      <td className="nowrap">
        <button type="button" className="link" onClick={() => selectRun(record.id)}>
          {record.name}
        </button>
        <span className="muted small block">
          {record.kind}
          {record.group && (
            <span data-testid="run-group">
              {' '}
              · {record.group.mode === 'folds' ? 'fold' : 'seed'} {record.group.index + 1} of{' '}
              {record.group.of}
            </span>
          )}
        </span>
      </td>
      <td className="small settings-cell">
        {describeKeyHyperparameters(record.kind, record.hyperparameters)}
      </td>
      <td className="small" data-testid="run-backend">
        {describeBackend(record.backend, record.renderer)}
        {runWorkers(record) > 1 && (
          <span className="muted block" data-testid="run-workers">
            {describeWorkers(runWorkers(record))}
          </span>
        )}
        {(record.jobWorkers ?? 1) > 1 && (
          <span
            className="muted block"
            data-testid="run-job-workers"
            title="Trained whole on one job worker, beside the other runs of its group"
          >
            whole on 1 of {record.jobWorkers} job workers
          </span>
        )}
      </td>
      <td>
        <StatusCell record={record} live={live} />
      </td>
      <td className="num">{record.epochs.length}</td>
      <td className="num" data-testid="run-val-accuracy">
        {fixed(valAccuracy)}
      </td>
      <td className="num" data-testid="run-val-auc">
        {fixed(record.validation?.rocAuc)}
      </td>
      <td className="num">{formatDuration(duration)}</td>
      <td className="nowrap">
        {live && (
          <button
            type="button"
            className="danger small-button"
            disabled={live.stopRequested}
            onClick={(e) => {
              e.stopPropagation();
              void stopRun(record.id);
            }}
          >
            Stop
          </button>
        )}
        {!live && resumable && record.status === 'interrupted' && (
          <button
            type="button"
            className="small-button"
            aria-label={`Resume ${record.name}`}
            title={`Continue from epoch ${record.epochs.length} to epoch ${record.hyperparameters.epochs}`}
            onClick={(e) => {
              e.stopPropagation();
              void resumeRun(record.id);
            }}
          >
            Resume
          </button>
        )}
      </td>
    </tr>
  );
}

function QueuedRow({ run }: { run: QueuedRun }) {
  return (
    <tr data-testid="run-row" data-status="queued">
      <td className="nowrap">
        {run.name}
        <span className="muted small block">{run.kind}</span>
      </td>
      <td className="small settings-cell">{describeKeyHyperparameters(run.kind, run.hyperparameters)}</td>
      <td className="small">{run.backend}</td>
      <td>
        <span className="status status-queued">queued</span>
      </td>
      <td colSpan={4} />
      <td>
        <button type="button" className="small-button" onClick={() => void stopRun(run.id)}>
          Remove
        </button>
      </td>
    </tr>
  );
}

/** Every run of this session, oldest first; selecting one shows its curves. */
export function RunsList({ shownId }: { shownId: string | null }) {
  const { runs, queue, live, resumable } = useLab(
    useShallow((s) => ({ runs: s.runs, queue: s.queue, live: s.live, resumable: s.resumable })),
  );
  if (runs.length === 0 && queue.length === 0)
    return (
      <section className="panel" aria-label="Runs">
        <h2>Runs</h2>
        <p className="muted">
          No runs yet. Choose a model and press Train, or train all three to compare them.
        </p>
      </section>
    );
  return (
    <section className="panel runs-panel" aria-label="Runs">
      <h2>Runs</h2>
      <div className="table-scroll">
        <table className="data-table runs-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Settings</th>
              <th>Backend</th>
              <th>Status</th>
              <th className="num">Epochs</th>
              <th className="num">Val acc</th>
              <th className="num">Val AUC</th>
              <th className="num" title="Time in the training loop (wall time while running)">
                Time
              </th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <RunRow
                key={r.id}
                record={r}
                live={live[r.id]}
                selected={r.id === shownId}
                resumable={resumable.includes(r.id)}
              />
            ))}
            {queue.map((q) => (
              <QueuedRow key={q.id} run={q} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
