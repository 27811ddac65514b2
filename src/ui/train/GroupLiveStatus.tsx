import type { RunRecord } from '../../core/runs';
import { selectRun } from '../../store/runsActions';
import type { RunProgress } from '../../store/runsSlice';
import { stopRun } from '../../store/trainActions';
import { formatDuration } from '../../store/trainProgress';
import { formatCount } from '../format';
import { liveEpoch, liveFraction } from './liveProgress';
import { PHASE_LABELS } from './LiveStatus';

/** Short phase names for the compact rows (the full one is the row's tooltip). */
const SHORT_PHASES: Record<RunProgress['phase'], string> = {
  waiting: 'Waiting for a worker',
  preparing: 'Preparing',
  training: 'Training',
  evaluating: 'Evaluating',
  scoring: 'Scoring users',
};

interface Props {
  /** the group's runs in group order, each with its live progress (none once it ended) */
  runs: { id: string; name: string; record: RunRecord | null; live: RunProgress | undefined }[];
  workers: number;
  /** the run whose curves are shown */
  shownId: string | null;
}

/** The runs of a group training side by side on job workers: a compact row each, the shown one marked. */
export function GroupLiveStatus({ runs, workers, shownId }: Props) {
  const stoppable = runs.filter((r) => r.live && !r.live.stopRequested).map((r) => r.id);
  return (
    <div className="group-live" role="status" aria-live="polite" data-testid="group-live">
      <p className="group-live-head">
        <strong>
          {workers > 1
            ? `${runs.length} runs on ${workers} workers side by side`
            : `${runs.length} runs one after another`}
        </strong>
        <span className="muted">
          {workers > 1
            ? ' · each trains whole on one worker'
            : ' · no room for the dataset’s copies in this tab'}
          ; pick a run to see its curves
        </span>
        {stoppable.length > 1 && (
          <button
            type="button"
            className="danger group-stop-all"
            onClick={() => stoppable.forEach((id) => void stopRun(id))}
          >
            Stop all
          </button>
        )}
      </p>
      <ul className="group-live-rows">
        {runs.map((run) => (
          <GroupRunRow key={run.id} {...run} shown={run.id === shownId} />
        ))}
      </ul>
    </div>
  );
}

/** A row's run name: a click shows that run's curves below. */
function RunName({ id, name, shown }: { id: string; name: string; shown: boolean }) {
  return (
    <button
      type="button"
      className="link group-live-name"
      aria-pressed={shown}
      onClick={() => selectRun(id)}
      title="Show this run's curves"
    >
      {name}
    </button>
  );
}

function GroupRunRow({ id, name, record, live, shown }: Props['runs'][number] & { shown: boolean }) {
  if (!live) return <EndedRow id={id} name={name} record={record} shown={shown} />;
  const epochs = record?.hyperparameters.epochs ?? 0;
  const detail =
    live.phase === 'training'
      ? `epoch ${liveEpoch(record, live)} of ${epochs}${live.samplesPerSec > 0 ? ` · ${formatCount(live.samplesPerSec)}/s` : ''}`
      : live.phase === 'scoring' && live.scored
        ? `${formatCount(live.scored.done)} of ${formatCount(live.scored.total)} users`
        : '';
  return (
    <li className={shown ? 'group-live-row shown' : 'group-live-row'} data-testid="group-live-row">
      <RunName id={id} name={name} shown={shown} />
      <span className="phase" data-testid="group-live-phase" title={PHASE_LABELS[live.phase]}>
        {live.stopRequested ? 'Stopping…' : SHORT_PHASES[live.phase]}
      </span>
      <progress max={1} value={liveFraction(live)} aria-label={`${name}: batches done`} />
      <span
        className="muted num group-live-detail"
        title={live.phase === 'training' ? 'samples per second' : undefined}
      >
        {detail}
        {live.phase === 'training' &&
          live.remainingMs !== null &&
          ` · ${formatDuration(live.remainingMs)} left`}
      </span>
      <button
        type="button"
        className="danger"
        disabled={live.stopRequested}
        onClick={() => void stopRun(id)}
        aria-label={`Stop ${name}`}
      >
        Stop
      </button>
    </li>
  );
}

/** A finished run's bar is full; a stopped, failed or interrupted one shows how far it got. */
function endedFraction(record: RunRecord | null): number {
  if (!record) return 0;
  if (record.status === 'done') return 1;
  return record.epochs.length / Math.max(1, record.hyperparameters.epochs);
}

/** A run of the group that has ended while others train: its status, the bar full (or not: never started). */
function EndedRow({
  id,
  name,
  record,
  shown,
}: {
  id: string;
  name: string;
  record: RunRecord | null;
  shown: boolean;
}) {
  const status = record?.status ?? 'not started';
  return (
    <li className={shown ? 'group-live-row shown' : 'group-live-row'} data-testid="group-live-row">
      <RunName id={id} name={name} shown={shown} />
      <span className={`status status-${status}`} data-testid="group-live-phase">
        {status}
      </span>
      <progress max={1} value={endedFraction(record)} aria-label={`${name}: ${status}`} />
      <span className="muted num group-live-detail">
        {record ? `${record.epochs.length} epoch${record.epochs.length === 1 ? '' : 's'}` : ''}
      </span>
      <span />
    </li>
  );
}
