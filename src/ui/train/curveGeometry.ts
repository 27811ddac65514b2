// Pixel geometry of the live training curves, kept free of React so it is tested directly: linear scales and SVG
// path strings. The curves are plain SVG because they redraw while a run trains: a recharts update cost the main
// thread 70–170 ms a chart on a loaded machine with two training workers (bench/browser/longtaskTrace.ts).

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** value → pixel for [d0, d1] onto [r0, r1] (a flat domain maps to the middle of the range). */
export function scaleLinear(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (v: number) => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0));
}

/** An SVG path through the points in order; a missing or non-finite y breaks nothing, it is left out (joined over). */
export function linePath(
  points: readonly { x: number; y: number | null }[],
  x: (v: number) => number,
  y: (v: number) => number,
): string {
  let d = '';
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y) || !Number.isFinite(p.x)) continue;
    d += `${d ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`;
  }
  return d;
}
