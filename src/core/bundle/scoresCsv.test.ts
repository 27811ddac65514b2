import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { LABEL } from '../labels/types';
import { escapeCsvCell, tagScores, writeScoresCsv, type ScoreRow } from './scoresCsv';

function collect(data: Parameters<typeof writeScoresCsv>[0]): { text: string; chunks: number } {
  const chunks: string[] = [];
  writeScoresCsv(data, (c) => chunks.push(c));
  return { text: chunks.join(''), chunks: chunks.length };
}

describe('writeScoresCsv', () => {
  it('neutralises cells a spreadsheet would run as formulas, and quotes as RFC 4180 says', () => {
    const ids = ['=SUM(A1)', '+1', '-1', '@cmd', '\tx', 'u42', 'a,b', 'say "hi"', 'line\nbreak'];
    const rows: ScoreRow[] = ids.map((userId, i) => ({
      userId,
      score: i / 10,
      tag: 0,
      labelSource: 'unlabelled',
    }));
    const { text } = collect(rows);
    const lines = text.split('\n');
    expect(lines[0]).toBe('user_id,score,tag,label_source');
    expect(lines.slice(1, 7)).toEqual([
      `"'=SUM(A1)",0.000000,0,unlabelled`,
      `"'+1",0.100000,0,unlabelled`,
      `"'-1",0.200000,0,unlabelled`,
      `"'@cmd",0.300000,0,unlabelled`,
      `"'\tx",0.400000,0,unlabelled`,
      'u42,0.500000,0,unlabelled',
    ]);
    expect(text).toContain('"a,b",0.600000');
    expect(text).toContain('"say ""hi""",0.700000');
    const parsed = Papa.parse<string[]>(text.trimEnd()).data;
    expect(parsed.slice(1).map((r) => r[0])).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-1",
      "'@cmd",
      "'\tx",
      'u42',
      'a,b',
      'say "hi"',
      'line\nbreak',
    ]);
  });

  it('writes columns with six-decimal scores, tags and label sources', () => {
    const scores = Float32Array.from([0.5, 0.1234567, 0.9999999, NaN]);
    const { text } = collect({
      userIds: ['p', 'n', 'c', 'x'],
      scores,
      tags: tagScores(scores, 0.5),
      labels: Uint8Array.from([LABEL.positive, LABEL.negative, LABEL.conflict, LABEL.unlabelled]),
    });
    expect(text).toBe(
      'user_id,score,tag,label_source\n' +
        'p,0.500000,1,rule-positive\n' +
        'n,0.123457,0,rule-negative\n' +
        'c,1.000000,1,rule-conflict\n' +
        'x,,0,unlabelled\n',
    );
  });

  it('streams many users in chunks of whole lines', () => {
    const n = 25_000;
    const userIds = Array.from({ length: n }, (_, i) => `user${i}`);
    const scores = new Float32Array(n).fill(0.25);
    const { text, chunks } = collect({ userIds, scores, tags: new Uint8Array(n), labels: new Uint8Array(n) });
    expect(chunks).toBe(3);
    const lines = text.split('\n');
    expect(lines).toHaveLength(n + 2);
    expect(lines[n]).toBe('user24999,0.250000,0,unlabelled');
  });

  it('refuses columns of different lengths', () => {
    expect(() => collect({ userIds: ['a'], scores: [0.1, 0.2], tags: [0], labels: [0] })).toThrow(
      /1 user ids, 2 scores/,
    );
  });

  it('leaves plain ids untouched', () => {
    expect(escapeCsvCell('12345')).toBe('12345');
    expect(escapeCsvCell('user-1')).toBe('user-1');
  });
});
