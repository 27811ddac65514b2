import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { CategoryOption } from '../../worker/protocol/rulesMessages';
import { formatCount } from '../format';
import { CategoryTree } from './CategoryTree';
import {
  filterCategories,
  isExactCategory,
  isPrefixEntry,
  resolveChip,
  ruleTextFor,
  type CatalogIndex,
} from './catalogIndex';

const LIST_LIMIT = 40;

interface CategoryPickerProps {
  /** accessible name of the search box, e.g. "Add a category to positive condition 1" */
  label: string;
  chosen: readonly string[];
  categories: readonly CategoryOption[];
  index: CatalogIndex;
  onAdd(category: string): void;
  onRemove(category: string): void;
}

type Choice = { kind: 'category'; option: CategoryOption } | { kind: 'free'; text: string };

/** Chips for the chosen categories and a search box that lists the dataset's categories with their event counts. */
export function CategoryPicker({ label, chosen, categories, index, onAdd, onRemove }: CategoryPickerProps) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [browsing, setBrowsing] = useState(false);
  const chosenKeys = useMemo(() => new Set(chosen.map((c) => c.trim().toLowerCase())), [chosen]);
  const listId = useId();
  const choices = useMemo<Choice[]>(() => {
    const list: Choice[] = filterCategories(categories, query, chosen, LIST_LIMIT).map((option) => ({
      kind: 'category',
      option,
    }));
    if (query.trim() !== '' && !isExactCategory(index, query))
      list.push({ kind: 'free', text: query.trim() });
    return list;
  }, [categories, query, chosen, index]);
  const activeIndex = Math.min(active, Math.max(0, choices.length - 1));

  const pick = (choice: Choice) => {
    onAdd(choice.kind === 'category' ? ruleTextFor(index, choice.option) : choice.text);
    setQuery('');
    setActive(0);
    // Closed after a pick so the list does not cover what changed; typing or ↓ opens it again.
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + choices.length) % Math.max(1, choices.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && choices[activeIndex]) pick(choices[activeIndex]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    } else if (e.key === 'Backspace' && query === '' && chosen.length > 0) {
      onRemove(chosen[chosen.length - 1]);
    }
  };

  return (
    <>
      <div className="category-picker">
        <ul className="chips" aria-label="Chosen categories">
          {chosen.map((written) => (
            <CategoryChip
              key={written}
              written={written}
              matches={resolveChip(index, written)}
              onRemove={onRemove}
            />
          ))}
          <li className="chip-input">
            <input
              type="text"
              role="combobox"
              aria-label={label}
              aria-expanded={open && choices.length > 0}
              aria-controls={listId}
              aria-autocomplete="list"
              placeholder={chosen.length ? 'Add a category…' : 'Search categories by name or id…'}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
                setOpen(true);
              }}
              onFocus={() => setOpen(true)}
              onClick={() => setOpen(true)}
              onBlur={() => setOpen(false)}
              onKeyDown={onKeyDown}
            />
          </li>
        </ul>
        {open && choices.length > 0 && (
          <ul className="picker-list" id={listId} role="listbox" aria-label={`${label}: matches`}>
            {choices.map((choice, i) => (
              <li
                key={choice.kind === 'category' ? `c:${choice.option.id}` : 'free'}
                role="option"
                aria-selected={i === activeIndex}
                className={i === activeIndex ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(choice)}
              >
                {choice.kind === 'category' ? (
                  <OptionText option={choice.option} />
                ) : (
                  <span className="free-text">
                    Use “{choice.text}” as written{' '}
                    <span className="muted">(not a category in this dataset)</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {index.hasHierarchy && (
        <div className="tree-browse">
          <button
            type="button"
            className="tree-browse-toggle"
            aria-expanded={browsing}
            onClick={() => setBrowsing(!browsing)}
          >
            {browsing ? 'Hide the category tree' : 'Browse the category tree'}
          </button>
          {browsing && (
            <CategoryTree
              label={`Category tree: ${label}`}
              tree={index.tree}
              chosen={chosenKeys}
              onAdd={onAdd}
            />
          )}
        </div>
      )}
    </>
  );
}

function OptionText({ option }: { option: CategoryOption }) {
  return (
    <>
      <span className="option-name">{option.name}</span>
      {option.id !== option.name && <span className="option-id">{option.id}</span>}
      <span
        className="option-count num"
        title={`${formatCount(option.purchases)} purchases, ${formatCount(option.clicks)} clicks`}
      >
        {formatCount(option.events)} events
      </span>
    </>
  );
}

function CategoryChip({
  written,
  matches,
  onRemove,
}: {
  written: string;
  matches: CategoryOption[];
  onRemove(category: string): void;
}) {
  const unknown = matches.length === 0;
  const prefix = isPrefixEntry(written);
  const events = matches.reduce((sum, c) => sum + c.events, 0);
  const title = unknown
    ? `"${written}" ${prefix ? 'matches no category' : 'is not a category'} in this dataset`
    : matches
        .map(
          (c) =>
            `${c.name} (id ${c.id}): ${formatCount(c.purchases)} purchases, ${formatCount(c.clicks)} clicks`,
        )
        .join('\n');
  return (
    <li className={`chip${unknown ? ' chip-unknown' : ''}`} title={title}>
      <span className="chip-text">{unknown || prefix ? written : matches[0].name}</span>
      <span className="chip-count">{unknown ? 'not found' : formatCount(events)}</span>
      <button
        type="button"
        className="chip-remove"
        aria-label={`Remove ${written}`}
        onClick={() => onRemove(written)}
      >
        ×
      </button>
    </li>
  );
}
