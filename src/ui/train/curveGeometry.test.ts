import { describe, expect, it } from 'vitest';
import { linePath, scaleLinear } from './curveGeometry';

describe('curve geometry', () => {
  it('maps a domain onto a range, flipped for the y axis, and a flat domain onto the middle', () => {
    const y = scaleLinear([0, 1], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(0.25)).toBe(150);
    expect(y(1)).toBe(0);
    expect(scaleLinear([2, 2], [0, 100])(2)).toBe(50);
  });

  it('draws the points in order and joins over missing values', () => {
    const x = scaleLinear([0, 4], [0, 400]);
    const y = scaleLinear([0, 1], [100, 0]);
    const points = [
      { x: 1, y: 0.5 },
      { x: 2, y: null },
      { x: 3, y: Number.NaN },
      { x: 4, y: 1 },
    ];
    expect(linePath(points, x, y)).toBe('M100.0,50.0L400.0,0.0');
    expect(linePath([], x, y)).toBe('');
  });
});
