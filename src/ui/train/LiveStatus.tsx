import type { RunRecord } from '../../core/runs';
import type { RunProgress } from '../../store/runsSlice';
import { stopRun } from '../../store/trainActions';
import { formatDuration } from '../../store/trainProgress';
import { formatCount } from '../format';
import { liveEpoch, liveFraction } from './liveProgress';

export const PHASE_LABELS: Record<RunProgress['phase'], string> = {
  waiting: 'Waiting for a free worker',
  preparing: 'Preparing the data',
  training: 'Training',
  evaluating: 'Evaluating (doctored validation data)',
  scoring: 'Scoring every user against the truth',
};

/** Phase, progress bar, samples per second, elapsed and remaining time of the run that trains. */
export function LiveStatus({ record, live }: { record: RunRecord | null; live: RunProgress }) {
  const epochsTotal = record?.hyperparameters.epochs ?? 0;
  const epochNow = liveEpoch(record, live);
  const scored = live.phase === 'scoring' ? live.scored : undefined;
  const fraction = liveFraction(live);
  const tensors = live.tensorsPerEpoch;
  return (
    <div className="live-status" role="status" aria-live="polite" data-testid="live-status">
      <div className="live-line">
        <strong>{record?.name ?? 'Next run'}</strong>
        <span className="phase" data-testid="live-phase">
          {live.stopRequested ? 'Stopping after this batch…' : PHASE_LABELS[live.phase]}
        </span>
        {live.phase === 'training' && (
          <span className="muted num">
            epoch {epochNow} of {epochsTotal} · batch {formatCount(live.batchesDone)} of{' '}
            {formatCount(live.totalBatches)}
          </span>
        )}
        {live.phase === 'scoring' && live.scored && (
          <span className="muted num" data-testid="live-scored">
            {formatCount(live.scored.done)} of {formatCount(live.scored.total)} users
          </span>
        )}
        <button
          type="button"
          className="danger"
          disabled={live.stopRequested}
          onClick={() => void stopRun(live.runId)}
          aria-label={`Stop ${record?.name ?? 'the run'}`}
        >
          Stop
        </button>
      </div>
      <progress max={1} value={fraction} aria-label={scored ? 'Users scored' : 'Batches done'} />
      <dl className="live-stats">
        <div>
          <dt>samples/s</dt>
          <dd className="num">{live.samplesPerSec > 0 ? formatCount(live.samplesPerSec) : '—'}</dd>
        </div>
        <div>
          <dt>elapsed</dt>
          <dd className="num">{formatDuration(live.elapsedMs)}</dd>
        </div>
        <div>
          <dt>remaining</dt>
          <dd className="num">{live.phase === 'training' ? formatDuration(live.remainingMs) : '—'}</dd>
        </div>
        <div>
          <dt>users</dt>
          <dd className="num">
            {formatCount(live.trainUsers)} train · {formatCount(live.validationUsers)} val
          </dd>
        </div>
        <div title="tf.memory().numTensors after each epoch: flat from the second epoch on (a copy of the best weights is kept from then) when nothing leaks">
          <dt>tensors per epoch</dt>
          <dd className="num">{tensors.length ? tensors.slice(-4).join(' → ') : '—'}</dd>
        </div>
      </dl>
    </div>
  );
}
