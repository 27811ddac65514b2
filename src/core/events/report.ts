// Collects what the import saw (skipped rows by reason with the first examples, other behaviours, per-file
// results, warnings) and turns it into the plain-JSON ImportReport.

import { isoFromDay } from '../time';
import { detachString } from './storeBuilder';
import type { EventStore, TruthTable } from './types';
import type { FileReport, ImportReport, SkipReason, SkippedRow } from './importTypes';

const MAX_EXAMPLES = 5;
const MAX_EXAMPLE_FIELDS = 12;
const MAX_EXAMPLE_CHARS = 80;

function copyValues(row: readonly string[]): string[] {
  return row.slice(0, MAX_EXAMPLE_FIELDS).map((v) => detachString(v.slice(0, MAX_EXAMPLE_CHARS)));
}

export class ReportCollector {
  readonly files: FileReport[] = [];
  readonly warnings: string[] = [];
  readonly actions = { purchase: 0, click: 0 };
  private readonly skipped = new Map<SkipReason, { count: number; examples: SkippedRow[] }>();
  private readonly others = new Map<string, number>();

  skip(reason: SkipReason, file: string, row: number, values: readonly string[]): void {
    let entry = this.skipped.get(reason);
    if (!entry) {
      entry = { count: 0, examples: [] };
      this.skipped.set(reason, entry);
    }
    entry.count++;
    if (entry.examples.length < MAX_EXAMPLES) entry.examples.push({ file, row, values: copyValues(values) });
  }

  addOthers(others: Record<string, number>): void {
    for (const [k, n] of Object.entries(others)) if (n > 0) this.others.set(k, (this.others.get(k) ?? 0) + n);
  }

  skippedCount(): number {
    let n = 0;
    for (const e of this.skipped.values()) n += e.count;
    return n;
  }

  build(store: EventStore | null, truth: TruthTable | null): ImportReport {
    const events = store ? store.category.length : 0;
    return {
      rows: this.files.filter((f) => f.role === 'events').reduce((n, f) => n + f.rows, 0),
      events,
      users: store ? store.userIds.length : 0,
      categories: store ? store.categoryIds.length : 0,
      dateRange:
        store && events > 0 ? { from: isoFromDay(store.minDay), to: isoFromDay(store.maxDay) } : null,
      actions: { ...this.actions },
      otherBehaviours: Object.fromEntries([...this.others].sort((a, b) => b[1] - a[1])),
      skipped: Object.fromEntries(this.skipped),
      files: this.files,
      truthUsers: truth ? truth.userIds.length : 0,
      warnings: this.warnings,
    };
  }
}
