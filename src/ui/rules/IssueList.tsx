import type { RuleIssue } from '../../core/labels';

interface IssueListProps {
  issues: readonly RuleIssue[];
  /** called when a "did you mean" suggestion of an unknown-category issue is clicked */
  onSuggestion?(issue: RuleIssue, suggestion: string): void;
}

/** The core's messages about a part of the rules, errors first; unknown categories offer their closest matches. */
export function IssueList({ issues, onSuggestion }: IssueListProps) {
  if (issues.length === 0) return null;
  const sorted = [...issues].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  return (
    <ul className="issues">
      {sorted.map((issue, i) => (
        <li
          key={`${issue.code}:${issue.category ?? ''}:${i}`}
          className={`issue issue-${issue.severity}`}
          role={issue.severity === 'error' ? 'alert' : undefined}
          data-code={issue.code}
        >
          <span className="issue-mark" aria-hidden="true">
            !
          </span>
          {issue.code === 'unknown-category' ? (
            <UnknownCategory issue={issue} onSuggestion={onSuggestion} />
          ) : (
            <span>{issue.message}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function UnknownCategory({
  issue,
  onSuggestion,
}: Pick<IssueListProps, 'onSuggestion'> & { issue: RuleIssue }) {
  const suggestions = issue.suggestions ?? [];
  return (
    <span>
      “{issue.category}” is not a category in this dataset, so it matches nobody.{' '}
      {suggestions.length === 0 ? (
        'No similar category exists.'
      ) : (
        <>
          Did you mean{' '}
          {suggestions.map((s, i) => (
            <span key={s}>
              {i > 0 && (i === suggestions.length - 1 ? ' or ' : ', ')}
              <button type="button" className="suggestion" onClick={() => onSuggestion?.(issue, s)}>
                {s}
              </button>
            </span>
          ))}
          ?
        </>
      )}
    </span>
  );
}
