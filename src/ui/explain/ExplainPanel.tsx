import { useShallow } from 'zustand/react/shallow';
import type { RunRecord } from '../../core/runs';
import { useLab } from '../../store';
import { cancelExplainUser, explainUserById, setExplainQuery } from '../../store/explainActions';
import { PopulationPanel } from './PopulationPanel';
import { UserExplanation } from './UserExplanation';
import './explain.css';

/** "Why this user?": search a user by id (or click one in the scores table) and read their contributions. */
export function ExplainPanel({ run }: { run: RunRecord | null }) {
  const s = useLab(
    useShallow((st) => ({
      query: st.explainQuery,
      explaining: st.explaining,
      explanation: st.explanation,
      error: st.explainError,
      hasData: st.dataset !== null,
    })),
  );
  const view = run && s.explanation?.runId === run.id ? s.explanation : null;
  const disabled = !run || !s.hasData || s.explaining !== null;
  return (
    <section className="panel explain-panel" id="why-this-user" aria-label="Why this user?">
      <h2>Why this user?</h2>
      <p className="muted small">
        Each cell is how much a category in a period moved this user’s score, in logits (integrated gradients
        from an empty history). Rule categories are marked: a tag that rests only on them repeats the rules.
      </p>
      <form
        className="explain-search"
        onSubmit={(e) => {
          e.preventDefault();
          if (run) void explainUserById(run.id, s.query);
        }}
      >
        <label>
          <span>User id</span>
          <input
            type="search"
            value={s.query}
            aria-label="User id to explain"
            placeholder="e.g. u00042"
            onChange={(e) => setExplainQuery(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={disabled}>
          {s.explaining ? 'Explaining…' : 'Explain'}
        </button>
        {!run && <span className="muted small">Choose or restore a run first.</span>}
        {run && !s.hasData && <span className="muted small">Load a dataset first.</span>}
      </form>
      {s.explaining && (
        <p className="muted small" role="status">
          Explaining {s.explaining.userId}…{' '}
          <button type="button" onClick={cancelExplainUser}>
            Cancel
          </button>
        </p>
      )}
      {s.error && (
        <div className="panel panel-error" role="alert" data-testid="explain-error">
          {s.error}
        </div>
      )}
      {view && <UserExplanation view={view} />}
      {run && <PopulationPanel run={run} />}
    </section>
  );
}
