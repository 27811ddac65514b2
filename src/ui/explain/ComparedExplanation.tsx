import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { cancelExplainUser, closeComparedExplanation, isExplainedFrom } from '../../store/explainActions';
import type { ExplainOrigin } from '../../store/explainSlice';
import { UserExplanation } from './UserExplanation';
import './explain.css';

/**
 * The explanation a "Why?" opened on the Compare screen, right under the panel it was clicked in, so the analyst
 * reads it beside the figures that raised the question instead of on another screen.
 */
export function ComparedExplanation({ origin }: { origin: ExplainOrigin }) {
  const s = useLab(
    useShallow((st) => ({
      shown: isExplainedFrom(st, origin),
      query: st.explainQuery,
      explaining: st.explaining,
      explanation: st.explanation,
      error: st.explainError,
      runs: st.runs,
    })),
  );
  const ref = useRef<HTMLDivElement>(null);
  // while asking, the user asked about; after a failure, the id that failed (the older explanation is not theirs)
  const asked = s.explaining ?? (s.error ? null : s.explanation);
  const userId = asked?.userId ?? s.query;
  useEffect(() => {
    if (s.shown) ref.current?.scrollIntoView?.({ behavior: 'smooth', block: 'nearest' });
  }, [s.shown, userId, s.explanation]);
  if (!s.shown) return null;
  const runName = asked ? (s.runs.find((r) => r.id === asked.runId)?.name ?? asked.runId) : null;
  return (
    <div className="compared-explanation" ref={ref} role="region" aria-label="User explanation">
      <div className="compared-explanation-head">
        <h3>
          Why {userId}? {runName && <span className="muted small">· explained with {runName}</span>}
        </h3>
        <button type="button" className="small-button" onClick={closeComparedExplanation}>
          Close
        </button>
      </div>
      {s.explaining && (
        <p className="muted small" role="status">
          Explaining {s.explaining.userId}…{' '}
          <button type="button" className="small-button" onClick={cancelExplainUser}>
            Cancel
          </button>
        </p>
      )}
      {s.error && !s.explaining && (
        <div className="panel-error small" role="alert" data-testid="compared-explain-error">
          {s.error}
        </div>
      )}
      {asked && !s.explaining && s.explanation && <UserExplanation view={s.explanation} />}
    </div>
  );
}
