// The explanation view's words and colours as plain functions: the completeness line, signed logits, the diverging
// colour of a contribution, and which period columns get a date label.

import type { Completeness } from '../../core/explain';

/** A signed logit with a true minus; a value that rounds to zero gets no sign. */
export function formatLogit(v: number, digits = 3): string {
  const text = Math.abs(v).toFixed(digits);
  if (Number(text) === 0) return text;
  return `${v > 0 ? '+' : '−'}${text}`;
}

/** "contributions sum to 0.513, expected 0.513 (logit): complete", or what is off and by how much. */
export function describeCompleteness(c: Completeness): string {
  const head = `Contributions sum to ${c.sum.toFixed(3)}, expected ${c.expected.toFixed(3)} (logit)`;
  if (c.ok) return `${head}: complete.`;
  const off = Number.isFinite(c.relativeGap) ? `${(c.relativeGap * 100).toFixed(1)}%` : 'all of it';
  return `${head}: off by ${off}, more than 5%. Read the cells as a rough guide; more steps usually close the gap.`;
}

const WHITE = [247, 247, 247];
const RED = [178, 24, 43];
const BLUE = [33, 102, 172];

/** RdBu-style colour: red pushes the score up, blue down, white is 0; `scale` is the |value| of full colour. */
export function contributionColour(value: number, scale: number): string {
  if (!(scale > 0) || value === 0 || !Number.isFinite(value)) return `rgb(${WHITE.join(',')})`;
  // square root: small contributions stay visible beside one dominant cell
  const t = Math.sqrt(Math.min(1, Math.abs(value) / scale));
  const end = value > 0 ? RED : BLUE;
  const mix = WHITE.map((w, i) => Math.round(w + (end[i] - w) * t));
  return `rgb(${mix.join(',')})`;
}

/** Columns that get a label when each is `cellWidth` px wide and a label needs about `labelWidth` px. */
export function labelledColumns(columns: number, cellWidth: number, labelWidth: number): number[] {
  const every = Math.max(1, Math.ceil(labelWidth / cellWidth));
  const out: number[] = [];
  for (let c = columns - 1; c >= 0; c -= every) out.unshift(c);
  return out;
}

/** The largest |value| over the grids: one scale for purchases and clicks, so their colours compare. */
export function colourScale(grids: readonly { values: Float32Array }[]): number {
  let max = 0;
  for (const g of grids) for (const v of g.values) max = Math.max(max, Math.abs(v));
  return max;
}
