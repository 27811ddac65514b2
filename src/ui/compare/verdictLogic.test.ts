import { describe, expect, it } from 'vitest';
import { comparePaired, resolvableAucDifference } from '../../core/evaluation';
import type { PairedVerdict } from '../../worker/protocol/compareMessages';
import { describePairing, describeResolvable, differenceRows, formatPValue } from './verdictLogic';

const labels = [1, 1, 1, 1, 0, 0, 0, 0];
const good = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1];
const noisy = [0.9, 0.2, 0.7, 0.3, 0.6, 0.4, 0.8, 0.1];

describe('verdict wording', () => {
  it('names no side for a metric whose interval holds zero, and formats each difference with its interval', () => {
    const c = comparePaired(good, good, labels, { names: { a: 'one', b: 'two' }, resamples: 200 });
    const rows = differenceRows(c);
    expect(rows.map((r) => r.metric)).toEqual(['rocAuc', 'prAuc', 'accuracy', 'precision', 'recall', 'f1']);
    expect(rows.every((r) => r.favours === null)).toBe(true);
    expect(rows[0].difference).toMatch(/^-?0\.000( \[.*\])?$/);
  });

  it('names the favoured run when the interval excludes zero', () => {
    const many = (xs: number[]) => Array.from({ length: 20 }, () => xs).flat();
    const c = comparePaired(many(good), many(noisy), many(labels), { names: { a: 'good', b: 'noisy' } });
    expect(differenceRows(c)[0].favours).toBe('good');
    expect(differenceRows(c)[0].difference).toMatch(/^0\.\d{3} \[0\.\d{3}, 0\.\d{3}\]$/);
  });

  it('says how many users are paired, and when the runs validated on different users', () => {
    const c = comparePaired(good, noisy, labels);
    const v: PairedVerdict = {
      a: 'x',
      b: 'y',
      comparison: c,
      sharedUsers: 8,
      sameUsers: false,
      resolvable: null,
      unavailable: null,
    };
    expect(describePairing(v)).toContain('8 validation users both runs scored (4 positive, 4 negative)');
    expect(describePairing(v)).toContain('only the shared ones');
    expect(describePairing({ ...v, sameUsers: true })).toContain('same users');
  });

  it('states the smallest resolvable AUC difference of a small validation set', () => {
    const text = describeResolvable(resolvableAucDifference(20, 20, 0.85), 20, 20);
    expect(text).toMatch(
      /^ROC AUC differences below 0\.\d{3} cannot be resolved with 20 \+ 20 validation users\.$/,
    );
    expect(formatPValue(0.0004)).toBe('< 0.001');
    expect(formatPValue(0.25)).toBe('0.250');
    expect(formatPValue(NaN)).toBe('—');
  });
});
