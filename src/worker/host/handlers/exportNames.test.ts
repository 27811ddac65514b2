import { describe, expect, it } from 'vitest';
import { bundleFileName, isoDateOf, modelZipFileName, scoresFileName, slugifyRunName } from './exportNames';

const run = { name: 'dual #2', kind: 'dual' as const, startedAt: '2026-11-29T23:10:00.000Z' };

describe('download file names', () => {
  it('turn a run name into lower-case words joined by single dashes', () => {
    expect(slugifyRunName('dual #2', 'dual')).toBe('dual-2');
    expect(slugifyRunName('  Pregnancy — LSTM (v3)!! ', 'lstm')).toBe('pregnancy-lstm-v3');
    expect(slugifyRunName('Café naïve', 'x')).toBe('cafe-naive');
  });

  it('fall back to the model kind when nothing of the name is usable', () => {
    expect(slugifyRunName('#### ', 'shallow')).toBe('shallow');
    expect(slugifyRunName('孕妇', 'lstm')).toBe('lstm');
  });

  it('keep long names short without a trailing dash', () => {
    const slug = slugifyRunName('a very long run name that goes on and on and on forever', 'x');
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).not.toMatch(/-$/);
  });

  it('date the bundle and the model zip by the UTC day the run was trained', () => {
    expect(bundleFileName(run)).toBe('tag-lab-dual-2-2026-11-29.zip');
    expect(modelZipFileName(run)).toBe('tag-lab-dual-2-2026-11-29-model.zip');
  });

  it('date the scores by the day they were made', () => {
    expect(scoresFileName(run, new Date('2027-01-05T08:00:00Z'))).toBe(
      'tag-lab-dual-2-scores-2027-01-05.csv',
    );
  });

  it('use today for an unreadable start time', () => {
    expect(isoDateOf('not a date', new Date('2026-03-01T12:00:00Z'))).toBe('2026-03-01');
    expect(bundleFileName({ ...run, startedAt: '' }, new Date('2026-03-01T12:00:00Z'))).toBe(
      'tag-lab-dual-2-2026-03-01.zip',
    );
  });
});
