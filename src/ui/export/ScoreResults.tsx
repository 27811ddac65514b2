import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { explainUserById } from '../../store/explainActions';
import { downloadScoresCsv, setThreshold } from '../../store/exportActions';
import type { ScoredDataset } from '../../store/exportSlice';
import { LABEL_SOURCES, summariseAtThreshold } from '../../store/exportSummary';
import { formatCount } from '../format';
import { SOURCE_LABELS } from './labels';
import { saveDownload } from './saveDownload';
import { ScoreHistogram } from './ScoreHistogram';

const share = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—');

function ThresholdSlider({ threshold }: { threshold: number }) {
  return (
    <label className="threshold">
      <span>
        Threshold <strong className="num">{threshold.toFixed(2)}</strong>
      </span>
      <input
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={threshold}
        aria-label="Tag threshold"
        onChange={(e) => setThreshold(Number(e.target.value))}
      />
      <span className="muted small">A user is tagged when the score is at least the threshold.</span>
    </label>
  );
}

function SourceTable({ scored, threshold }: { scored: ScoredDataset; threshold: number }) {
  const summary = useMemo(() => summariseAtThreshold(scored.index, threshold), [scored.index, threshold]);
  return (
    <table className="data-table compact source-table" aria-label="Tagged users by label source">
      <thead>
        <tr>
          <th>Label source</th>
          <th className="num">Users</th>
          <th className="num">Tagged</th>
          <th className="num">Share tagged</th>
        </tr>
      </thead>
      <tbody>
        {LABEL_SOURCES.map((source) => {
          const c = summary.bySource[source];
          return (
            <tr key={source}>
              <td className="nowrap">{SOURCE_LABELS[source]}</td>
              <td className="num">{formatCount(c.users)}</td>
              <td className="num">{formatCount(c.tagged)}</td>
              <td className="num">{share(c.tagged, c.users)}</td>
            </tr>
          );
        })}
        <tr className="total-row">
          <th>all users</th>
          <td className="num" data-testid="scored-users">
            {formatCount(summary.users)}
          </td>
          <td className="num" data-testid="tagged-users">
            {formatCount(summary.tagged)}
          </td>
          <td className="num">{share(summary.tagged, summary.users)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** Explains the user and brings the explanation into view. */
function openExplanation(runId: string, userId: string): void {
  void explainUserById(runId, userId);
  document.getElementById('why-this-user')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function TopScores({ scored }: { scored: ScoredDataset }) {
  return (
    <table className="data-table compact top-scores" aria-label="Top-scored users">
      <thead>
        <tr>
          <th className="num">#</th>
          <th>User id</th>
          <th className="num">Score</th>
          <th>Label source</th>
        </tr>
      </thead>
      <tbody>
        {scored.top.map((row, i) => (
          <tr key={`${row.userId}-${i}`}>
            <td className="num muted">{i + 1}</td>
            <td className="user-id">
              <button
                type="button"
                className="link-button"
                title="Why this user? Open the explanation"
                onClick={() => openExplanation(scored.runId, row.userId)}
              >
                {row.userId}
              </button>
            </td>
            <td className="num">{row.score.toFixed(6)}</td>
            <td className="nowrap">{SOURCE_LABELS[row.labelSource]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The scoring's summary: tagged users by source at the slider's threshold, the histogram, the top users, the CSV. */
export function ScoreResults({ scored }: { scored: ScoredDataset }) {
  const s = useLab(useShallow((st) => ({ threshold: st.threshold, downloading: st.downloading })));
  return (
    <div className="score-results" data-testid="score-results">
      <div className="score-side">
        <ThresholdSlider threshold={s.threshold} />
        <SourceTable scored={scored} threshold={s.threshold} />
        {scored.index.unscored > 0 && (
          <p className="error-text small">
            {formatCount(scored.index.unscored)} users got no score (the model produced NaN); they are never
            tagged.
          </p>
        )}
        <button
          type="button"
          className="primary"
          disabled={s.downloading !== null}
          onClick={() => void downloadScoresCsv(saveDownload)}
        >
          {s.downloading === 'scores' ? 'Preparing…' : 'Download scores CSV'}
        </button>
        <p className="muted small">
          <code>user_id,score,tag,label_source</code> for every user, tagged at {s.threshold.toFixed(2)}.
        </p>
      </div>
      <ScoreHistogram index={scored.index} threshold={s.threshold} />
      <div className="top-panel">
        <h3>Top {scored.top.length} users by score</h3>
        <p className="muted small">Click a user id to see why they scored so.</p>
        <TopScores scored={scored} />
      </div>
    </div>
  );
}
