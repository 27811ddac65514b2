import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import type { RunRecord } from '../../core/runs';
import { useLab } from '../../store';
import { cancelPopulation, explainTaggedUsers } from '../../store/explainActions';
import type { PopulationView } from '../../worker/protocol/explainMessages';
import { formatCount, formatPercent } from '../format';
import { findMaskedTwin, isMasked, type MaskedTwin } from './maskedTwin';

const SHOWN = 20;
const RULE_COLOUR = '#b42318';
const OTHER_COLOUR = '#1f6feb';
const tickStyle = { fontSize: 11, fill: '#5b6776' };

/** `maxValue` gives two charts side by side one scale, so their bars compare by length. */
function PopulationChart({ view, maxValue }: { view: PopulationView; maxValue?: number }) {
  const data = view.categories.slice(0, SHOWN).map((c) => ({
    name: c.rule ? `${c.name} (rule)` : c.name,
    meanAbs: c.meanAbs,
    rule: c.rule,
    purchase: c.purchaseMeanAbs,
    click: c.clickMeanAbs,
  }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, data.length * 22 + 40)}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke="#e3e8ef" horizontal={false} />
        <XAxis
          type="number"
          tick={tickStyle}
          tickFormatter={(v: number) => v.toFixed(2)}
          domain={maxValue ? [0, maxValue] : undefined}
        />
        <YAxis type="category" dataKey="name" tick={tickStyle} width={200} interval={0} />
        <Tooltip
          formatter={(v) => [Number(v).toFixed(4), 'mean |contribution| (logit)']}
          labelFormatter={(label) => String(label)}
        />
        <Bar dataKey="meanAbs" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.name} fill={d.rule ? RULE_COLOUR : OTHER_COLOUR} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

function PopulationSummary({ view }: { view: PopulationView }) {
  const share = view.ruleShare * 100;
  return (
    <p data-testid="population-summary">
      Over {formatCount(view.users)} tagged users
      {view.users < view.tagged ? ` (an even sample of ${formatCount(view.tagged)})` : ''} at{' '}
      {view.threshold.toFixed(2)}, <strong>{share.toFixed(0)}%</strong> of the mean |contribution| sits on the
      rule categories{share >= 50 ? ': the model mostly repeats its rules.' : '.'}{' '}
      <span className="muted small">
        {view.incomplete > 0
          ? `${formatCount(view.incomplete)} users missed the completeness check (worst ${(view.worstRelativeGap * 100).toFixed(1)}%).`
          : 'Every user passed the completeness check.'}{' '}
        {view.steps} steps, {(view.durationMs / 1000).toFixed(1)} s.
      </span>
    </p>
  );
}

function twinHint(run: RunRecord, twin: MaskedTwin | null): string {
  if (!twin)
    return isMasked(run)
      ? 'Train the same model with the rule categories unmasked to compare.'
      : 'Train the same model with the rule categories masked to see where the weight goes instead.';
  return `Score and explain ${twin.run.name} (rule categories ${isMasked(twin.run) ? 'masked' : 'unmasked'}) too, and the two show side by side.`;
}

/** The run next to its rule-masked twin: with the rules hidden from the inputs, which categories carry the tag? */
function SideBySide({
  run,
  view,
  twin,
  twinView,
}: {
  run: RunRecord;
  view: PopulationView;
  twin: RunRecord;
  twinView: PopulationView;
}) {
  const columns = isMasked(run)
    ? [
        { run: twin, view: twinView },
        { run, view },
      ]
    : [
        { run, view },
        { run: twin, view: twinView },
      ];
  const sharedMax = Math.max(...[view, twinView].map((v) => v.categories[0]?.meanAbs ?? 0)) * 1.05;
  return (
    <>
      <p className="muted small">
        Mean |contribution| per category, top {SHOWN}, on one scale;{' '}
        <span style={{ color: RULE_COLOUR }}>■</span> rule categories,{' '}
        <span style={{ color: OTHER_COLOUR }}>■</span> the rest. Left: the model reading every category;
        right: the same kind trained with the rule categories masked, where the weight went instead (the
        latent signals).
      </p>
      <div className="population-pair" data-testid="population-pair">
        {columns.map((c) => (
          <div key={c.run.id}>
            <h4>
              {c.run.name}: rule categories {isMasked(c.run) ? 'masked' : 'read'}
            </h4>
            <PopulationSummary view={c.view} />
            <PopulationChart view={c.view} maxValue={sharedMax} />
          </div>
        ))}
      </div>
    </>
  );
}

/** Mean |contribution| per category over the users the run tags: does the tag rest on the rule categories? */
export function PopulationPanel({ run }: { run: RunRecord }) {
  const s = useLab(
    useShallow((st) => ({
      scored: st.scored?.runId === run.id,
      threshold: st.threshold,
      progress: st.populationProgress,
      view: st.population?.runId === run.id ? st.population : (st.populations[run.id] ?? null),
      error: st.populationError,
      runs: st.runs,
      populations: st.populations,
    })),
  );
  const twin = findMaskedTwin(run, s.runs, s.populations);
  return (
    <div className="population" data-testid="population">
      <h3>Which categories carry the tag?</h3>
      <div className="explain-search">
        <button
          type="button"
          disabled={!s.scored || s.progress !== null}
          onClick={() => void explainTaggedUsers(run.id)}
        >
          Explain the tagged users at {s.threshold.toFixed(2)}
        </button>
        {!s.scored && (
          <span className="muted small">Score the users first: the population is the users tagged.</span>
        )}
        {s.progress && (
          <button type="button" onClick={cancelPopulation}>
            Cancel
          </button>
        )}
      </div>
      {s.progress && (
        <div className="job" role="status" aria-live="polite">
          <div className="job-line">
            <span>
              Explaining {formatCount(s.progress.done)} of {formatCount(s.progress.total)} tagged users
            </span>
            <span className="num">{formatPercent(s.progress.done, s.progress.total)}</span>
          </div>
          <progress max={s.progress.total || 1} value={s.progress.done} aria-label="Population progress" />
        </div>
      )}
      {s.error && (
        <p className="error-text small" role="alert">
          {s.error}
        </p>
      )}
      {s.view && !twin?.view && (
        <>
          <PopulationSummary view={s.view} />
          <p className="muted small">
            Mean |contribution| per category, top {Math.min(SHOWN, s.view.categories.length)};{' '}
            <span style={{ color: RULE_COLOUR }}>■</span> rule categories,{' '}
            <span style={{ color: OTHER_COLOUR }}>■</span> the rest. {twinHint(run, twin)}
          </p>
          <PopulationChart view={s.view} />
        </>
      )}
      {s.view && twin?.view && <SideBySide run={run} view={s.view} twin={twin.run} twinView={twin.view} />}
    </div>
  );
}
