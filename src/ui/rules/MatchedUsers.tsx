import { reshufflePreview, setPreviewTab } from '../../store/rulesActions';
import type { PreviewTab } from '../../store/rulesSlice';
import type { PreviewUser, RulesEvaluation } from '../../worker/protocol/rulesMessages';
import { formatCount } from '../format';
import { UserTimeline } from './UserTimeline';

const TABS: { id: PreviewTab; label: string; empty: string }[] = [
  { id: 'positive', label: 'Positive', empty: 'No user matches only the positive rules.' },
  { id: 'negative', label: 'Negative', empty: 'No user matches only the negative rules.' },
  { id: 'conflict', label: 'Both sides', empty: 'No user matches both sides.' },
];

/** A seeded sample of the users each side catches, with their monthly activity and top categories. */
export function MatchedUsers({ evaluation, tab }: { evaluation: RulesEvaluation; tab: PreviewTab }) {
  const group = evaluation.preview[tab];
  const empty = TABS.find((t) => t.id === tab)!.empty;
  return (
    <section className="panel matched" aria-label="Matched users">
      <header className="matched-head">
        <h2>Who the rules catch</h2>
        <div className="tabs" role="tablist" aria-label="Matched users by side">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              className={tab === t.id ? 'on' : undefined}
              onClick={() => setPreviewTab(t.id)}
            >
              {t.label} <span className="tab-count">{formatCount(evaluation.preview[t.id].total)}</span>
            </button>
          ))}
        </div>
        <button type="button" onClick={reshufflePreview} title="Draw another sample of users">
          Other users
        </button>
      </header>
      <p className="muted small">
        Purchases per month (bars) and clicks (line) over the {evaluation.previewMonths} months before{' '}
        {evaluation.asOf}; <span className="legend-rule">■</span> months with activity in this side’s rule
        categories.
      </p>
      {group.users.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="user-cards" role="tabpanel">
          {group.users.map((user) => (
            <UserCard key={user.userId} user={user} />
          ))}
        </ul>
      )}
    </section>
  );
}

function UserCard({ user }: { user: PreviewUser }) {
  const purchases = user.months.reduce((s, m) => s + m.purchases, 0);
  const clicks = user.months.reduce((s, m) => s + m.clicks, 0);
  return (
    <li className="user-card" data-testid="user-card">
      <div className="user-card-head">
        <strong className="user-id">{user.userId}</strong>
        <span className="muted small num">
          {formatCount(purchases)} purchases · {formatCount(clicks)} clicks
        </span>
      </div>
      <UserTimeline months={user.months} />
      <ol className="top-categories">
        {user.top.map((c) => (
          <li key={c.categoryId} className={c.inRules ? 'in-rules' : undefined}>
            <span className="top-name" title={c.inRules ? 'named in the rules' : undefined}>
              {c.name}
            </span>
            <span className="num muted">
              {formatCount(c.purchases)} p · {formatCount(c.clicks)} c
            </span>
          </li>
        ))}
      </ol>
    </li>
  );
}
