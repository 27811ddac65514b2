import { useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { explainFlag } from '../../core/bundle';
import { formatEstimate } from '../../core/evaluation';
import { useLab } from '../../store';
import {
  auditCsvFile,
  cancelAudit,
  changeAuditSettings,
  dismissAuditError,
  isAuditStale,
  runLabelAudit,
  runMissedPositives,
} from '../../store/auditActions';
import { explainUserFrom, isExplainedFrom } from '../../store/explainActions';
import { chooseExplainRun, type ExplainRunChoice } from '../../store/explainRun';
import type { ElkanNotoView, LabelAuditView } from '../../worker/protocol/auditMessages';
import { ComparedExplanation } from '../explain/ComparedExplanation';
import { saveDownload } from '../export/saveDownload';
import { formatCount } from '../format';
import { UserTimeline } from '../rules/UserTimeline';
import '../rules/rules.css';
import { EstimateText } from './EstimateText';

/** Suspects listed at first, and at most after "Show more"; the CSV holds every flagged user. */
const FIRST_SUSPECTS = 25;
const MOST_SUSPECTS = 200;

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

function AuditControls() {
  const s = useLab(
    useShallow((st) => ({
      settings: st.auditSettings,
      running: st.auditRunning,
      kind: st.trainSettings.kind,
      hasDataset: st.dataset !== null,
    })),
  );
  const busy = s.running !== null;
  return (
    <div className="audit-controls">
      <label className="field-label">
        Folds
        <input
          type="number"
          min={2}
          max={10}
          value={s.settings.k}
          disabled={busy}
          aria-label="Audit folds"
          onChange={(e) => changeAuditSettings({ k: Number(e.target.value) })}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={s.settings.maskRuleCategories}
          disabled={busy}
          onChange={(e) => changeAuditSettings({ maskRuleCategories: e.target.checked })}
        />
        Hide the rule categories from the audit’s models (the leakage guard: a model that sees them agrees
        with the rules and flags nothing)
      </label>
      <p className="muted small">
        Trains {s.settings.k} {s.kind} models with the Train screen’s settings, each scoring the users it did
        not see.
      </p>
      <div className="actions">
        <button type="button" disabled={busy || !s.hasDataset} onClick={() => void runLabelAudit()}>
          Audit the labels
        </button>
        <button type="button" disabled={busy || !s.hasDataset} onClick={() => void runMissedPositives()}>
          Estimate missed positives
        </button>
        {busy && (
          <>
            <progress
              max={s.running!.of}
              value={Math.max(0, s.running!.fold - 1)}
              aria-label="Audit progress"
            />
            <span className="muted small" role="status" data-testid="audit-progress">
              {s.running!.job === 'labels' ? 'Auditing' : 'Estimating'}: fold {Math.max(1, s.running!.fold)}{' '}
              of {s.running!.of}…
            </span>
            <button type="button" className="small-button" onClick={cancelAudit}>
              Cancel
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** "Why?" on a suspect: explains the user with the chosen trained run, or says why it cannot. */
function WhyButton({ userId, explainWith }: { userId: string | null; explainWith: ExplainRunChoice }) {
  const { run, reason } = explainWith;
  const why = !userId ? 'This row has no user id to explain' : reason;
  return (
    <button
      type="button"
      className="small-button"
      disabled={!run || !userId}
      title={why ?? `Explain this user’s score with ${run!.name}`}
      onClick={() => run && userId && void explainUserFrom('audit', run.id, userId)}
    >
      Why?
    </button>
  );
}

function SuspectRow({
  view,
  index,
  explainWith,
}: {
  view: LabelAuditView;
  index: number;
  explainWith: ExplainRunChoice;
}) {
  const [open, setOpen] = useState(false);
  const f = view.audit.flagged[index];
  const timeline = f.userId ? view.timelines[f.userId] : undefined;
  const explained = useLab((st) => f.userId !== null && isExplainedFrom(st, 'audit', f.userId));
  return (
    <>
      <tr data-testid="audit-suspect" data-label={f.label === 1 ? 'positive' : 'negative'}>
        <td>
          <button
            type="button"
            className="link-button"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            disabled={!timeline}
            title={
              timeline ? 'Show this user’s monthly activity' : 'Timelines are kept for the first suspects'
            }
          >
            {f.userId ?? `row ${f.row + 1}`}
          </button>
        </td>
        <td>{f.label === 1 ? 'positive' : 'negative'}</td>
        <td className="num" data-testid="audit-score">
          {f.score.toFixed(3)}
        </td>
        <td className="small">
          {explainFlag(f, view.audit.thresholds)}
          {f.conditions.length > 0 && <span className="muted"> Labelled by: {f.conditions.join('; ')}.</span>}
        </td>
        <td>
          <WhyButton userId={f.userId} explainWith={explainWith} />
        </td>
      </tr>
      {open && timeline && (
        <tr className="audit-timeline-row">
          <td colSpan={5} data-testid="audit-timeline">
            <p className="muted small">
              Purchases per month (bars) and clicks (line) up to {view.asOf};{' '}
              <span className="legend-rule">■</span> months with activity in the rules’ categories.
            </p>
            <UserTimeline months={timeline} />
          </td>
        </tr>
      )}
      {explained && (
        <tr className="audit-why-row">
          <td colSpan={5} data-testid="audit-why">
            <ComparedExplanation origin="audit" />
          </td>
        </tr>
      )}
    </>
  );
}

function AuditResult({ view, children }: { view: LabelAuditView; children?: ReactNode }) {
  const [more, setMore] = useState(false);
  const explainWith = useLab(useShallow((st) => chooseExplainRun(st, view.kind)));
  const shown = more ? MOST_SUSPECTS : FIRST_SUSPECTS;
  const a = view.audit;
  const flagged = a.flagged.length;
  const download = () => {
    const file = auditCsvFile();
    if (file) saveDownload(file);
  };
  return (
    <div className="audit-result" data-testid="audit-result">
      <p data-testid="audit-summary">
        {formatCount(flagged)} of {formatCount(a.labelled.positive + a.labelled.negative)} rule-labelled users
        look mislabelled ({view.k} folds, {view.kind}
        {a.maskedRuleCategories ? ', rule categories hidden' : ', rule categories visible to the model'}).
        Estimated share of wrong labels: positives {pct(a.noiseRate.positive)} of{' '}
        {formatCount(a.labelled.positive)}, negatives {pct(a.noiseRate.negative)} of{' '}
        {formatCount(a.labelled.negative)}.
      </p>
      {view.workersNotice && (
        <p className="notice small" data-testid="audit-workers-notice">
          {view.workersNotice}
        </p>
      )}
      {!a.maskedRuleCategories && (
        <p className="notice small">
          The audit’s models saw the rule categories: they learn the rules themselves and flag few labels.
          Tick the leakage guard for an audit that can disagree with the rules.
        </p>
      )}
      {a.byCondition.length > 0 && (
        <table className="data-table" data-testid="audit-conditions">
          <caption className="muted small">Flagged users per rule condition</caption>
          <thead>
            <tr>
              <th>Rule condition</th>
              <th className="num">Users it labels</th>
              <th className="num">Flagged</th>
            </tr>
          </thead>
          <tbody>
            {a.byCondition.map((c) => (
              <tr key={c.condition}>
                <td>{c.condition}</td>
                <td className="num">{formatCount(c.users)}</td>
                <td className="num">
                  {formatCount(c.flagged)} ({pct(c.share)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {children}
      <div className="actions">
        <button type="button" onClick={download} disabled={flagged === 0}>
          Download audit CSV
        </button>
        <span className="muted small">
          {flagged > shown
            ? `The ${shown} most suspicious are listed; the CSV holds all ${formatCount(flagged)}. `
            : ''}
          Click a user for their monthly activity.{' '}
          {explainWith.run ? (
            <>
              “Why?” explains a user’s score with <strong>{explainWith.run.name}</strong>{' '}
              {explainWith.run.kind === view.kind
                ? `(a ${view.kind} run, like the audit’s models).`
                : `(a ${explainWith.run.kind} run; the audit’s models were ${view.kind}).`}
              {a.maskedRuleCategories &&
                explainWith.run.featureSpec.maskedCategories.length === 0 &&
                ' Unlike the audit’s models, it sees the rule categories.'}
            </>
          ) : (
            <span data-testid="audit-why-disabled">“Why?” is off: {explainWith.reason}</span>
          )}
        </span>
      </div>
      {flagged === 0 ? (
        <p className="muted">No rule label contradicts the out-of-fold scores.</p>
      ) : (
        <table className="data-table audit-suspects" data-testid="audit-suspects">
          <thead>
            <tr>
              <th>User</th>
              <th>Rule label</th>
              <th className="num">Out-of-fold score</th>
              <th>Why it is flagged</th>
              <th>Explain</th>
            </tr>
          </thead>
          <tbody>
            {a.flagged.slice(0, shown).map((f, i) => (
              <SuspectRow key={f.row} view={view} index={i} explainWith={explainWith} />
            ))}
          </tbody>
        </table>
      )}
      {!more && flagged > FIRST_SUSPECTS && (
        <button type="button" className="small-button" onClick={() => setMore(true)}>
          Show up to {Math.min(flagged, MOST_SUSPECTS)}
        </button>
      )}
    </div>
  );
}

function MissedPositives({ e, coverage }: { e: ElkanNotoView; coverage: Coverage | null }) {
  return (
    <div className="audit-elkan" data-testid="elkan-noto">
      <h3>How many positives do the rules miss?</h3>
      <dl className="audit-figures">
        {coverage && (
          <>
            <dt>Coverage</dt>
            <dd data-testid="audit-coverage">
              the rules label {formatCount(coverage.positive)} of {formatCount(coverage.users)} users positive
              ({pct(coverage.positive / coverage.users)})
            </dd>
          </>
        )}
        <dt>Share of positives the rules catch</dt>
        <dd data-testid="elkan-c">
          <EstimateText text={formatEstimate(e.labelFrequency)} />
          {e.truth && (
            <span className="muted"> · the truth file says {e.truth.labelFrequency.toFixed(3)}</span>
          )}
        </dd>
        <dt>Likely positives among the {formatCount(e.poolUsers)} unlabelled users</dt>
        <dd data-testid="elkan-pool">
          about {formatCount(Math.round(e.poolPositives))}
          {e.truth && (
            <span className="muted"> · the truth file says {formatCount(e.truth.poolPositives)}</span>
          )}
        </dd>
      </dl>
      <p className="small caveat" data-testid="elkan-caveat">
        {e.caveat}
      </p>
      <p className="muted small">
        Elkan & Noto (2008): a model learns the rule positives against everyone else ({e.k} folds, {e.kind});
        the share caught is its mean out-of-fold score over the rule positives (normal 95% interval).
      </p>
      {e.workersNotice && (
        <p className="notice small" data-testid="elkan-workers-notice">
          {e.workersNotice}
        </p>
      )}
    </div>
  );
}

interface Coverage {
  positive: number;
  users: number;
}

/** The label audit: the rule labels the data contradicts, and how many positives the rules likely miss. */
export function AuditPanel() {
  const s = useLab(
    useShallow((st) => ({
      labelAudit: st.labelAudit,
      elkanNoto: st.elkanNoto,
      error: st.auditError,
      stale: isAuditStale(st),
      counts: st.evaluation?.counts ?? null,
      hasDataset: st.dataset !== null,
    })),
  );
  if (!s.hasDataset && !s.labelAudit && !s.elkanNoto) return null;
  const coverage = s.counts ? { positive: s.counts.positive, users: s.counts.users } : null;
  return (
    <section className="panel audit-panel" aria-label="Label audit" data-testid="audit-panel">
      <h2>Label audit: which rule labels does the data contradict?</h2>
      <p className="small caveat" data-testid="audit-caveat">
        The audit finds labels that look random: users the rules put in one class whose behaviour looks like
        the other class. It cannot catch the rules’ systematic bias: if the rules leave out a whole kind of
        positive user, every model trained on them learns the same blind spot and the audit sees nothing
        wrong. Read a flagged user’s timeline before changing a rule.
      </p>
      <AuditControls />
      {s.error && (
        <div className="panel-error small" role="alert">
          <p>{s.error}</p>
          <button type="button" className="small-button" onClick={dismissAuditError}>
            Dismiss
          </button>
        </div>
      )}
      {s.stale && (
        <p className="notice small" data-testid="audit-stale">
          The dataset or the rules changed since these results: run the audit again to count from the new
          rules.
        </p>
      )}
      {/* the estimate of missed positives sits beside the counts, above the long list of suspects */}
      {s.labelAudit ? (
        <AuditResult view={s.labelAudit}>
          {s.elkanNoto && <MissedPositives e={s.elkanNoto} coverage={coverage} />}
        </AuditResult>
      ) : (
        s.elkanNoto && <MissedPositives e={s.elkanNoto} coverage={coverage} />
      )}
    </section>
  );
}
