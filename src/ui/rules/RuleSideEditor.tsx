import type { RuleIssue } from '../../core/labels';
import {
  addConditionCategory,
  addRuleCondition,
  changeRuleCondition,
  removeConditionCategory,
  removeRuleCondition,
  replaceConditionCategory,
  setRuleMatch,
} from '../../store/rulesActions';
import type { DraftCondition, DraftSide, SideName } from '../../store/rulesDraft';
import type { CategoryOption } from '../../worker/protocol/rulesMessages';
import type { CatalogIndex } from './catalogIndex';
import { CategoryPicker } from './CategoryPicker';
import { IssueList } from './IssueList';
import { NumberField } from '../shared/NumberField';

interface SideProps {
  side: SideName;
  draft: DraftSide;
  issues: readonly RuleIssue[];
  categories: readonly CategoryOption[];
  index: CatalogIndex;
}

const SIDE_TEXT: Record<SideName, { title: string; lead: string }> = {
  positive: { title: 'Positive', lead: 'Users labelled as having the tag' },
  negative: { title: 'Negative', lead: 'Users labelled as not having the tag' },
};

/** One side of the rules: any / all, its conditions, and the problems the core found with it. */
export function RuleSideEditor({ side, draft, issues, categories, index }: SideProps) {
  const text = SIDE_TEXT[side];
  const sideIssues = issues.filter((i) => i.side === side && i.conditionIndex === undefined);
  return (
    <section
      className={`panel rule-side rule-side-${side}`}
      aria-label={`${text.title} rules`}
      data-testid={`side-${side}`}
    >
      <header className="rule-side-head">
        <div>
          <h2>{text.title}</h2>
          <span className="muted small">{text.lead}</span>
        </div>
        <div
          className="segmented"
          role="radiogroup"
          aria-label={`${text.title} rules: how conditions combine`}
        >
          {(['any', 'all'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={draft.match === m}
              className={draft.match === m ? 'on' : undefined}
              onClick={() => setRuleMatch(side, m)}
            >
              {m === 'any' ? 'Any condition' : 'All conditions'}
            </button>
          ))}
        </div>
      </header>
      <IssueList issues={sideIssues} />
      <ol className="conditions">
        {draft.conditions.map((condition, i) => (
          <ConditionEditor
            key={condition.key}
            side={side}
            position={i}
            condition={condition}
            issues={issues.filter((issue) => issue.side === side && issue.conditionIndex === i)}
            categories={categories}
            index={index}
            joiner={i > 0 ? (draft.match === 'any' ? 'or' : 'and') : null}
          />
        ))}
      </ol>
      <button type="button" className="add-condition" onClick={() => addRuleCondition(side)}>
        + Add condition
      </button>
    </section>
  );
}

interface ConditionProps {
  side: SideName;
  position: number;
  condition: DraftCondition;
  issues: readonly RuleIssue[];
  categories: readonly CategoryOption[];
  index: CatalogIndex;
  joiner: 'or' | 'and' | null;
}

function ConditionEditor({ side, position, condition, issues, categories, index, joiner }: ConditionProps) {
  const name = `${side} condition ${position + 1}`;
  const { key } = condition;
  return (
    <li
      className="condition"
      aria-label={`${side[0].toUpperCase()}${side.slice(1)} condition ${position + 1}`}
    >
      {joiner && <span className="joiner">{joiner}</span>}
      <div className="condition-line">
        <span>At least</span>
        <NumberField
          label={`Minimum for ${name}`}
          hideLabel
          value={condition.min}
          least={0}
          whole={false}
          width={76}
          onCommit={(min) => changeRuleCondition(side, key, { min })}
        />
        <select
          aria-label={`Action for ${name}`}
          value={condition.action}
          onChange={(e) =>
            changeRuleCondition(side, key, { action: e.target.value as DraftCondition['action'] })
          }
        >
          <option value="purchase">purchases</option>
          <option value="click">clicks</option>
        </select>
        <span>in the last</span>
        <NumberField
          label={`Window in months for ${name}`}
          hideLabel
          value={condition.windowMonths}
          least={1}
          whole
          width={60}
          onCommit={(windowMonths) => changeRuleCondition(side, key, { windowMonths })}
        />
        <span>months</span>
        <button
          type="button"
          className="remove-condition"
          aria-label={`Remove ${name}`}
          title="Remove this condition"
          onClick={() => removeRuleCondition(side, key)}
        >
          ✕
        </button>
      </div>
      <span className="muted small">in these categories, counts summed:</span>
      <CategoryPicker
        label={`Add a category to ${name}`}
        chosen={condition.categories}
        categories={categories}
        index={index}
        onAdd={(c) => addConditionCategory(side, key, c)}
        onRemove={(c) => removeConditionCategory(side, key, c)}
      />
      <IssueList
        issues={issues}
        onSuggestion={(issue, suggestion) =>
          replaceConditionCategory(side, position, issue.category ?? '', suggestion)
        }
      />
    </li>
  );
}
