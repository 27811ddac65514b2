import type { SweepProgress } from '../../core/sweeps';
import { useLab } from '../../store';
import { cancelSweep } from '../../store/sweepActions';
import { formatPercent } from '../format';

/** "Run 3 of 8", or "Runs 3–4 of 8" while workers train side by side. */
function runsLine(p: SweepProgress): string {
  const first = Math.min(p.done + 1, p.total);
  const last = Math.min(p.done + p.training, p.total);
  return last > first ? `Runs ${first}–${last} of ${p.total}` : `Run ${first} of ${p.total}`;
}

/** Run k of n, its epoch and the time left, with a bar. */
export function SweepProgressBar({ progress }: { progress: SweepProgress | null }) {
  return (
    <div className="job" role="status" aria-live="polite" data-testid="sweep-progress">
      <div className="job-line">
        <span>
          {progress
            ? `${runsLine(progress)}, epoch ${progress.epoch}` +
              (progress.secondsLeft !== null ? `, about ${Math.ceil(progress.secondsLeft)} s left` : '')
            : 'Preparing the split…'}
        </span>
        {progress && <span className="num">{formatPercent(progress.done, progress.total)}</span>}
      </div>
      <progress max={progress?.total || 1} value={progress?.done ?? 0} aria-label="Sweep progress" />
    </div>
  );
}

/**
 * The sweep as the worker's running job, at the top of the Train screen: it holds the training slot, so runs queued
 * meanwhile wait for it (they start when it ends or is cancelled) and the screen says so.
 */
export function SweepJob() {
  const running = useLab((s) => s.sweepRunning);
  const queued = useLab((s) => s.queue.length);
  if (!running) return null;
  return (
    <section className="panel" aria-label="Running job">
      <div className="job-line">
        <strong>A sweep is training</strong>
        <button type="button" onClick={cancelSweep}>
          Cancel sweep
        </button>
      </div>
      <SweepProgressBar progress={running.progress} />
      <p className="muted small" data-testid="sweep-job-note">
        {queued > 0
          ? `${queued} queued run${queued > 1 ? 's' : ''} will start when the sweep ends or is cancelled (finished points stay).`
          : 'Runs you start now wait in the queue until the sweep ends or is cancelled (finished points stay).'}
      </p>
    </section>
  );
}
