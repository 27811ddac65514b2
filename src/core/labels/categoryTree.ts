// The category hierarchy read from dotted names (REES46 codes like "kids.toys.dolls"), with events and categories per
// branch, for a picker that shows a tree and adds a whole branch as the rule entry "kids.toys.*".

import type { EventStore } from '../events/types';

export interface CategoryTreeNode {
  /** the last part of the name ("dolls") */
  label: string;
  /** the full dotted name of the branch ("kids.toys.dolls") */
  path: string;
  /** the rule entry that selects this branch and everything under it */
  entry: string;
  /** store category indices whose name is exactly this path */
  categories: number[];
  /** events in this branch and below */
  events: number;
  /** categories in this branch and below */
  categoryCount: number;
  children: CategoryTreeNode[];
}

function newNode(label: string, path: string): CategoryTreeNode {
  return { label, path, entry: `${path}.*`, categories: [], events: 0, categoryCount: 0, children: [] };
}

/** Events per category index over the whole store. */
export function countEventsPerCategory(store: EventStore): Uint32Array {
  const counts = new Uint32Array(store.categoryIds.length);
  for (let i = 0; i < store.category.length; i++) counts[store.category[i]]++;
  return counts;
}

/**
 * The forest of dotted category names, children sorted by events (most first). A name without dots is a root of
 * its own; empty parts ("a..b") are kept as written so no category disappears.
 */
export function buildCategoryTree(
  store: EventStore,
  events = countEventsPerCategory(store),
): CategoryTreeNode[] {
  const root = newNode('', '');
  const childIndex = new Map<CategoryTreeNode, Map<string, CategoryTreeNode>>();
  for (let c = 0; c < store.categoryIds.length; c++) {
    const parts = store.categoryNames[c].split('.');
    let node = root;
    for (let k = 0; k < parts.length; k++) {
      let index = childIndex.get(node);
      if (!index) childIndex.set(node, (index = new Map()));
      let child = index.get(parts[k]);
      if (!child) {
        child = newNode(parts[k], parts.slice(0, k + 1).join('.'));
        index.set(parts[k], child);
        node.children.push(child);
      }
      child.events += events[c];
      child.categoryCount++;
      node = child;
    }
    node.categories.push(c);
  }
  sortByEvents(root.children);
  return root.children;
}

function sortByEvents(nodes: CategoryTreeNode[]): void {
  nodes.sort((a, b) => b.events - a.events || a.path.localeCompare(b.path));
  for (const n of nodes) sortByEvents(n.children);
}
