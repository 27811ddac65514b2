// Category names found beside the ids in event files (REES46 category_code, category_name…): the id stays the key,
// and the name written most often for an id becomes its dictionary entry. Rows of one id usually repeat one name, so
// the tally counts runs of the same name and touches a map only when the name changes.

import { detachString } from './storeBuilder';

export interface CategoryNameConflict {
  id: string;
  /** names written for this id, most frequent (the one kept) first */
  names: { name: string; rows: number }[];
}

export interface ResolvedCategoryNames {
  /** category index → the name kept */
  names: Map<number, string>;
  /** ids written with more than one name */
  conflicting: number;
  /** the first few conflicting ids, for the report */
  examples: CategoryNameConflict[];
}

const MAX_EXAMPLES = 5;

export class CategoryNameTally {
  private readonly last: (string | undefined)[] = [];
  private readonly run: number[] = [];
  private readonly counts = new Map<number, Map<string, number>>();

  /** Counts one row of category index `c` written with the non-empty name `name`. */
  add(c: number, name: string): void {
    if (this.last[c] === name) {
      this.run[c]++;
      return;
    }
    this.flush(c);
    this.last[c] = detachString(name);
    this.run[c] = 1;
  }

  get size(): number {
    return this.last.length;
  }

  private flush(c: number): void {
    const name = this.last[c];
    if (name === undefined) return;
    let m = this.counts.get(c);
    if (!m) this.counts.set(c, (m = new Map()));
    m.set(name, (m.get(name) ?? 0) + this.run[c]);
    this.run[c] = 0;
  }

  /** The most frequent name per category (ties: the name seen first), and the ids that had several. */
  resolve(categoryIds: readonly string[]): ResolvedCategoryNames {
    for (let c = 0; c < this.last.length; c++) this.flush(c);
    const names = new Map<number, string>();
    const examples: CategoryNameConflict[] = [];
    let conflicting = 0;
    for (const [c, m] of this.counts) {
      const ranked = [...m].sort((a, b) => b[1] - a[1]);
      names.set(c, ranked[0][0]);
      if (ranked.length < 2) continue;
      conflicting++;
      if (examples.length < MAX_EXAMPLES)
        examples.push({ id: categoryIds[c], names: ranked.map(([name, rows]) => ({ name, rows })) });
    }
    return { names, conflicting, examples };
  }
}
