import type { UserExplanationView } from '../../worker/protocol/explainMessages';
import { formatCount } from '../format';
import { ContributionHeatmap } from './ContributionHeatmap';
import { colourScale, contributionColour, describeCompleteness, formatLogit } from './explainText';

function Legend({ scale }: { scale: number }) {
  const stops = [-1, -0.5, -0.25, 0, 0.25, 0.5, 1].map((t) => contributionColour(t * scale, scale));
  return (
    <div className="heatmap-legend small">
      <span className="num">{formatLogit(-scale)}</span>
      <span className="legend-bar" style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }} />
      <span className="num">{formatLogit(scale)}</span>
      <span className="muted">logit per cell: red pushes the score up, blue pulls it down</span>
    </div>
  );
}

function totalOf(view: UserExplanationView, kind: 'purchase' | 'click'): number | null {
  const grids = view.grids.filter((g) => g.kind === kind);
  return grids.length ? grids.reduce((s, g) => s + g.total, 0) : null;
}

/** A user's explanation: the score, the completeness check, totals by kind and rules, and one heatmap per input. */
export function UserExplanation({ view }: { view: UserExplanationView }) {
  const scale = colourScale(view.grids);
  const purchases = totalOf(view, 'purchase');
  const clicks = totalOf(view, 'click');
  const c = view.completeness;
  return (
    <div className="user-explanation" data-testid="user-explanation">
      <dl className="facts explain-facts">
        <dt>User</dt>
        <dd className="user-id">{view.userId}</dd>
        <dt>Score</dt>
        <dd>
          <strong>{view.score.toFixed(4)}</strong>{' '}
          <span className="muted">
            logit {view.logit.toFixed(3)}; an empty history scores logit {view.baselineLogit.toFixed(3)}
          </span>
        </dd>
        <dt>By kind</dt>
        <dd>
          {purchases !== null && <>purchases {formatLogit(purchases)}</>}
          {purchases !== null && clicks !== null && ' · '}
          {clicks !== null && <>clicks {formatLogit(clicks)}</>} · rule categories{' '}
          {formatLogit(view.ruleTotal)} <span className="muted">(logit)</span>
        </dd>
        <dt>Shown</dt>
        <dd>
          top {view.categories.length} of {formatCount(view.contributingCategories)} contributing categories,{' '}
          {(view.shownShare * 100).toFixed(0)}% of the total |contribution| · integrated gradients,{' '}
          {view.steps} steps, {view.durationMs.toFixed(0)} ms
        </dd>
      </dl>
      <p
        className={c.ok ? 'completeness ok-text' : 'completeness panel panel-warning'}
        data-testid="completeness"
        role={c.ok ? undefined : 'alert'}
      >
        {describeCompleteness(c)}
      </p>
      {view.categories.length === 0 ? (
        <p className="muted">This user has no event the model reads: the score is the empty history's.</p>
      ) : (
        <>
          <Legend scale={scale} />
          {view.grids.map((grid) => (
            <ContributionHeatmap key={grid.input} grid={grid} categories={view.categories} scale={scale} />
          ))}
        </>
      )}
    </div>
  );
}
