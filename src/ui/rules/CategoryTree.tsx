import { useState } from 'react';
import type { CategoryBranch } from '../../worker/protocol/rulesMessages';
import { formatCount } from '../format';

interface CategoryTreeProps {
  /** accessible name of the tree, e.g. "Category tree for positive condition 1" */
  label: string;
  tree: readonly CategoryBranch[];
  /** lower-cased entries already in the condition */
  chosen: ReadonlySet<string>;
  onAdd(entry: string): void;
}

/** What adding a node writes into the rules: a branch its prefix ("kids.*"), a leaf its exact name. */
export function entryFor(branch: CategoryBranch): string {
  return branch.children.length > 0 ? branch.entry : branch.path;
}

/** The dotted category hierarchy with events and categories per branch; adding a branch adds its prefix. */
export function CategoryTree({ label, tree, chosen, onAdd }: CategoryTreeProps) {
  return (
    <ul className="category-tree" role="tree" aria-label={label}>
      {tree.map((branch) => (
        <TreeNode key={branch.path} branch={branch} chosen={chosen} onAdd={onAdd} level={1} />
      ))}
    </ul>
  );
}

function TreeNode({
  branch,
  chosen,
  onAdd,
  level,
}: {
  branch: CategoryBranch;
  chosen: ReadonlySet<string>;
  onAdd(entry: string): void;
  level: number;
}) {
  const [open, setOpen] = useState(false);
  const isBranch = branch.children.length > 0;
  const entry = entryFor(branch);
  const added = chosen.has(entry.toLowerCase());
  return (
    <li
      role="treeitem"
      aria-level={level}
      aria-expanded={isBranch ? open : undefined}
      aria-label={branch.path}
      data-path={branch.path}
    >
      <div className="tree-row">
        {isBranch ? (
          <button
            type="button"
            className="tree-toggle"
            aria-label={`${open ? 'Collapse' : 'Expand'} ${branch.path}`}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="tree-toggle" aria-hidden="true" />
        )}
        <span className="tree-label" title={branch.ids.length ? `id ${branch.ids.join(', ')}` : undefined}>
          {branch.label}
        </span>
        <span className="tree-count num">
          {formatCount(branch.events)} events
          {isBranch &&
            ` · ${formatCount(branch.categoryCount)} ${branch.categoryCount === 1 ? 'category' : 'categories'}`}
        </span>
        <button
          type="button"
          className="tree-add"
          disabled={added}
          aria-label={`Add ${entry}`}
          onClick={() => onAdd(entry)}
        >
          {added ? 'added' : isBranch ? `Add ${branch.label}.*` : 'Add'}
        </button>
      </div>
      {isBranch && open && (
        <ul role="group">
          {branch.children.map((child) => (
            <TreeNode key={child.path} branch={child} chosen={chosen} onAdd={onAdd} level={level + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
