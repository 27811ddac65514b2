import { describe, expect, it } from 'vitest';
import { checkCompleteness } from '../../core/explain';
import {
  colourScale,
  contributionColour,
  describeCompleteness,
  formatLogit,
  labelledColumns,
} from './explainText';

describe('explanation words and colours', () => {
  it('says complete when the sum meets the expected logit gap', () => {
    expect(describeCompleteness(checkCompleteness(0.5131, 0.5129))).toBe(
      'Contributions sum to 0.513, expected 0.513 (logit): complete.',
    );
  });

  it('warns with the relative gap when the sum is off by more than 5%', () => {
    expect(describeCompleteness(checkCompleteness(0.4, 0.5))).toMatch(/off by 20\.0%, more than 5%/);
  });

  it('colours positive red, negative blue, zero white, full colour at the scale', () => {
    expect(contributionColour(0, 1)).toBe('rgb(247,247,247)');
    expect(contributionColour(1, 1)).toBe('rgb(178,24,43)');
    expect(contributionColour(-2, 1)).toBe('rgb(33,102,172)');
  });

  it('labels the newest column and every k-th one before it', () => {
    expect(labelledColumns(18, 40, 60)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17]);
    expect(labelledColumns(1, 120, 60)).toEqual([0]);
  });

  it('signs logits with a true minus and scales to the largest magnitude', () => {
    expect(formatLogit(-0.25)).toBe('−0.250');
    expect(formatLogit(0.25, 2)).toBe('+0.25');
    expect(formatLogit(-0.001, 2)).toBe('0.00');
    expect(
      colourScale([{ values: Float32Array.of(0.1, -0.7) }, { values: Float32Array.of(0.3) }]),
    ).toBeCloseTo(0.7);
  });
});
