import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { auditLabels } from '../evaluation';
import { AUDIT_CSV_HEADER, auditCsv, explainFlag } from './auditCsv';

describe('the label audit as CSV', () => {
  // two positives and two negatives whose out-of-fold scores agree, one of each that contradicts its label
  const audit = auditLabels({
    labels: [1, 1, 1, 0, 0, 0],
    scores: [0.9, 0.85, 0.05, 0.1, 0.15, 0.95],
    userIds: ['a', 'b', '=HYPERLINK("x")', 'd', 'e', '+f'],
    conditions: [['positive #1'], ['positive #1'], ['positive #1'], ['negative #1'], [], ['negative #1']],
  });

  it('writes one row per flagged user, most suspicious first, with why it is flagged', () => {
    const rows = Papa.parse<string[]>(auditCsv(audit).trim()).data;
    expect(rows[0].join(',')).toBe(AUDIT_CSV_HEADER);
    expect(rows).toHaveLength(3);
    // both margins are 0.9 (1 − 2·0.05 and 2·0.95 − 1): a tie keeps row order
    expect(rows.slice(1).map((r) => [r[1], r[2]])).toEqual([
      ['positive', '0.050000'],
      ['negative', '0.950000'],
    ]);
    expect(rows[1][4]).toBe('positive #1');
    expect(rows[1][5]).toBe(explainFlag(audit.flagged[0], audit.thresholds));
    expect(rows[1][5]).toMatch(
      /^The rules say positive, but a model that never saw this user scores it 0\.050/,
    );
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const text = auditCsv(audit);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain(`"'+f"`);
    expect(auditCsv({ ...audit, flagged: [] })).toBe(`${AUDIT_CSV_HEADER}\n`);
  });
});
