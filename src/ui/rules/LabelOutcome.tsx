import type { ConflictPolicy, LabelCounts, RuleIssue } from '../../core/labels';
import { setAsOf, setConflictPolicy } from '../../store/rulesActions';
import type { RulesCatalog, RulesEvaluation } from '../../worker/protocol/rulesMessages';
import { formatCount } from '../format';
import { IssueList } from './IssueList';

const BARS: { key: keyof Omit<LabelCounts, 'users' | 'bothSides'>; label: string }[] = [
  { key: 'positive', label: 'Positive' },
  { key: 'negative', label: 'Negative' },
  { key: 'conflict', label: 'Conflict' },
  { key: 'unlabelled', label: 'Unlabelled' },
];

const POLICIES: { value: ConflictPolicy; label: string }[] = [
  { value: 'drop', label: 'Drop them (leave unlabelled)' },
  { value: 'positive', label: 'Label them positive' },
  { value: 'negative', label: 'Label them negative' },
];

interface OutcomeProps {
  evaluation: RulesEvaluation | null;
  evaluating: boolean;
  onConflict: ConflictPolicy;
  asOf: string;
  catalog: RulesCatalog;
}

/** Conflict policy and as-of date, then what the rules do to the whole dataset, as bars. */
export function LabelOutcome({ evaluation, evaluating, onConflict, asOf, catalog }: OutcomeProps) {
  const globalIssues = evaluation?.issues.filter((i) => i.side === undefined) ?? [];
  return (
    <section className="panel outcome" aria-label="Label counts" aria-busy={evaluating}>
      <header className="outcome-head">
        <h2>Labels</h2>
        <span className="muted small" role="status">
          {evaluating
            ? 'Updating…'
            : evaluation
              ? `${formatCount(evaluation.counts.users)} users · evaluated in ${evaluation.elapsedMs} ms`
              : ''}
        </span>
      </header>
      <div className="outcome-settings">
        <label className="field-label">
          Users matching both sides
          <select value={onConflict} onChange={(e) => setConflictPolicy(e.target.value as ConflictPolicy)}>
            {POLICIES.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <div className="field-label">
          <label htmlFor="rules-as-of">As-of date</label>
          <span className="as-of">
            <input id="rules-as-of" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
            {asOf !== '' && (
              <button type="button" className="link-button" onClick={() => setAsOf('')}>
                use default
              </button>
            )}
          </span>
          <span className="muted small" data-testid="as-of-used">
            {asOf === ''
              ? `Default: ${catalog.defaultAsOf}, the day after the latest event (${catalog.latestEvent}).`
              : `Windows end before ${evaluation?.asOf ?? asOf}; the latest event is on ${catalog.latestEvent}.`}
          </span>
        </div>
      </div>
      {evaluation ? (
        <CountBars counts={evaluation.counts} stale={evaluating} />
      ) : (
        <p className="muted">{evaluating ? 'Counting…' : 'No counts yet.'}</p>
      )}
      <IssueList issues={globalIssues} />
      {evaluation && <ReadyLine issues={evaluation.issues} counts={evaluation.counts} policy={onConflict} />}
    </section>
  );
}

function CountBars({ counts, stale }: { counts: LabelCounts; stale: boolean }) {
  const whole = Math.max(1, counts.users);
  return (
    <dl className={`count-bars${stale ? ' stale' : ''}`}>
      {BARS.map(({ key, label }) => {
        const n = counts[key];
        const share = n / whole;
        return (
          <div key={key} className={`count-row count-${key}`}>
            <dt>{label}</dt>
            <dd className="count-track">
              <span
                className="count-fill"
                style={{ width: `${Math.max(share > 0 ? 0.5 : 0, share * 100)}%` }}
              />
            </dd>
            <dd className="num count-number" data-testid={`count-${key}`}>
              {formatCount(n)}
            </dd>
            <dd className="num muted count-share">{(share * 100).toFixed(1)}%</dd>
          </div>
        );
      })}
    </dl>
  );
}

function ReadyLine({
  issues,
  counts,
  policy,
}: {
  issues: RuleIssue[];
  counts: LabelCounts;
  policy: ConflictPolicy;
}) {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const both =
    counts.bothSides > 0
      ? ` ${formatCount(counts.bothSides)} users match both sides (${policy === 'drop' ? 'dropped' : `labelled ${policy}`}).`
      : '';
  if (errors > 0)
    return (
      <p className="ready-line blocked" data-testid="ready-line">
        Not ready to train: fix the {errors === 1 ? 'problem' : `${errors} problems`} marked in red first.
        {both}
      </p>
    );
  return (
    <p className="ready-line ok" data-testid="ready-line">
      Ready to train.{both}
    </p>
  );
}
