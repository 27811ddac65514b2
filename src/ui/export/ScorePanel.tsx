import { useShallow } from 'zustand/react/shallow';
import type { RunRecord } from '../../core/runs';
import { useLab } from '../../store';
import { cancelScoring, scoreDataset } from '../../store/exportActions';
import { formatCount, formatPercent } from '../format';
import { FitNote } from './FitNote';
import { ScoreResults } from './ScoreResults';

/** Score every user of the loaded dataset with the chosen run, then show and export the tags. */
export function ScorePanel({ run }: { run: RunRecord | null }) {
  const s = useLab(
    useShallow((st) => ({
      scoring: st.scoring,
      scored: st.scored,
      error: st.scoreError,
      notice: st.scoreNotice,
      users: st.dataset?.report.users ?? 0,
      loadedAt: st.dataset?.loadedAt ?? null,
    })),
  );
  const scored = run && s.scored?.runId === run.id ? s.scored : null;
  const stale = scored !== null && scored.datasetLoadedAt !== s.loadedAt;
  const busy = s.scoring !== null;
  return (
    <section className="panel score-panel" aria-label="Score users">
      <div className="score-head">
        <div>
          <h2>Score every user</h2>
          <p className="muted small">
            {run
              ? `${run.name} scores all ${formatCount(s.users)} users of the loaded dataset, labelled or not, through the same bundle path as the command line.`
              : 'Choose or restore a run first.'}
          </p>
        </div>
        <button
          type="button"
          className={scored && !stale ? undefined : 'primary'}
          disabled={!run || busy}
          onClick={() => run && void scoreDataset(run.id)}
        >
          {scored ? 'Score again' : 'Score all users'}
        </button>
      </div>
      {s.scoring && (
        <div className="job" role="status" aria-live="polite">
          <div className="job-line">
            <span>
              Scoring: {formatCount(s.scoring.done)} of {formatCount(s.scoring.total)} users
            </span>
            <span className="num">{formatPercent(s.scoring.done, s.scoring.total)}</span>
          </div>
          <progress max={s.scoring.total || 1} value={s.scoring.done} aria-label="Scoring progress" />
          <div>
            <button type="button" onClick={cancelScoring}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {s.notice && (
        <p className="muted small" role="status" data-testid="score-notice">
          {s.notice}
        </p>
      )}
      {s.error && (
        <div className="panel panel-error" role="alert" data-testid="score-error">
          {s.error}
        </div>
      )}
      {stale && (
        <div className="panel panel-warning" role="status">
          The dataset changed since these scores were made. Score again before downloading.
        </div>
      )}
      {scored && (
        <>
          <p className="muted small" data-testid="score-summary">
            Scored {formatCount(scored.users)} users in {(scored.durationMs / 1000).toFixed(1)} s on{' '}
            {scored.backend}
            {scored.workers > 1 ? `, ${scored.workers} workers` : ', 1 worker'}.
          </p>
          {scored.notice && (
            <p className="panel panel-warning" role="status" data-testid="score-workers-notice">
              {scored.notice}
            </p>
          )}
          {(!scored.fit.ok || scored.fit.missingCategories > 0 || !scored.fit.sameData) && (
            <FitNote fit={scored.fit} />
          )}
          <ScoreResults scored={scored} />
        </>
      )}
    </section>
  );
}
