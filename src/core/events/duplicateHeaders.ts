// A header that names the same column twice (user_id,…,user_id) is imported from one of them: which one must be
// said, with both positions, so the analyst can pick the other in the mapping step.

import { normaliseHeader } from './columns';
import type { ColumnMapping, DuplicateHeader } from './importTypes';

/** Header names that occur more than once (compared as the aliases are: case and punctuation ignored). */
export function findDuplicateHeaders(
  header: readonly string[],
  mapping: ColumnMapping | null,
): DuplicateHeader[] {
  const byName = new Map<string, number[]>();
  header.forEach((h, j) => {
    const n = normaliseHeader(h);
    if (n === '') return;
    const list = byName.get(n);
    if (list) list.push(j);
    else byName.set(n, [j]);
  });
  const mapped = mapping
    ? [mapping.user, mapping.category, mapping.time, mapping.action, mapping.count, mapping.categoryName]
    : [];
  return [...byName.values()]
    .filter((columns) => columns.length > 1)
    .map((columns) => ({
      name: header[columns[0]],
      columns,
      used: columns.find((j) => mapped.includes(j)) ?? null,
    }));
}

/** The report's sentence for one duplicated header, with 1-based positions as a spreadsheet shows them. */
export function describeDuplicateHeader(file: string, d: DuplicateHeader): string {
  const positions = d.columns.map((j) => j + 1);
  const list = `${positions.slice(0, -1).join(', ')} and ${positions[positions.length - 1]}`;
  const use =
    d.used === null
      ? 'none of them is imported'
      : `column ${d.used + 1} is used; choose another in the mapping step if that one is right`;
  return `${file}: the header names "${d.name}" ${d.columns.length} times (columns ${list}); ${use}.`;
}
