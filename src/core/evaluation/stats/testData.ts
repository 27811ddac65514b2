// Shared fixtures for the statistics tests: published worked examples and a seeded synthetic score set.

import { createRandom } from '../../random';

/**
 * Hanley & McNeil (1982), Radiology 143:29–36, Table 1: CT images of 109 patients rated 1 (definitely normal) to 5
 * (definitely abnormal); 58 truly normal, 51 truly abnormal. Published: AUC 0.893, SE 0.032 (their formula).
 */
export function hanleyMcNeilCt(): { scores: Float64Array; labels: Uint8Array } {
  const normal = [33, 6, 6, 11, 2];
  const abnormal = [3, 2, 2, 11, 33];
  const scores: number[] = [];
  const labels: number[] = [];
  normal.forEach((count, r) => {
    for (let i = 0; i < count; i++) {
      scores.push(r + 1);
      labels.push(0);
    }
  });
  abnormal.forEach((count, r) => {
    for (let i = 0; i < count; i++) {
      scores.push(r + 1);
      labels.push(1);
    }
  });
  return { scores: Float64Array.from(scores), labels: Uint8Array.from(labels) };
}

/** Positives' scores shifted up by `shift` (in sd of a standard normal), rounded to `decimals` to create ties. */
export function syntheticScores(n: number, positiveShare: number, shift: number, seed: number, decimals = 3) {
  const random = createRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const labels = Uint8Array.from({ length: n }, () => (random() < positiveShare ? 1 : 0));
  const f = 10 ** decimals;
  const scores = Float64Array.from(
    labels,
    (y) => Math.round((1 / (1 + Math.exp(-(gauss() + shift * y)))) * f) / f,
  );
  return { scores, labels };
}

/** DeLong's placements straight from the definition, O(m·n): the independent reference for the fast version. */
export function directPlacements(scores: ArrayLike<number>, labels: ArrayLike<number>) {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < scores.length; i++) (labels[i] > 0.5 ? pos : neg).push(scores[i]);
  const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);
  return {
    positive: pos.map((x) => neg.reduce((s, y) => s + psi(x, y), 0) / neg.length),
    negative: neg.map((y) => pos.reduce((s, x) => s + psi(x, y), 0) / pos.length),
  };
}

export function sampleVariance(x: number[]): number {
  const mu = x.reduce((a, b) => a + b, 0) / x.length;
  return x.reduce((s, v) => s + (v - mu) ** 2, 0) / (x.length - 1);
}
