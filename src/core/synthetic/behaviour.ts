// How much a user clicks and buys in each behaviour stream on a given day, as Poisson rates of event rows.
// Pregnancy reshapes the mix: maternity clicks rise before purchases, baby goods late in pregnancy and after birth.

import { STREAMS } from './catalogue';
import type { Population } from './population';
import { NO_DAY, STAGE_CODE } from './population';

// Plain local numbers: this runs for every user-day, so no lookups through objects or module bindings.
const S = {
  everyday: STREAMS.indexOf('everyday'),
  women: STREAMS.indexOf('women'),
  beauty: STREAMS.indexOf('beauty'),
  men: STREAMS.indexOf('men'),
  kids: STREAMS.indexOf('kids'),
  maternity: STREAMS.indexOf('maternity'),
  ttc: STREAMS.indexOf('ttc'),
  pregnancy: STREAMS.indexOf('pregnancy'),
  gear: STREAMS.indexOf('gear'),
  care: STREAMS.indexOf('care'),
};
const NONE = NO_DAY;
const MAN = STAGE_CODE.man;
const CLICK_ONLY = STAGE_CODE['pregnant-click-only'];
export const STREAM_COUNT = STREAMS.length;

function ramp(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

/** Everyday life without a pregnancy: the baseline every user starts from. */
function fillBaseline(p: Population, u: number, day: number, click: Float64Array, buy: Float64Array): void {
  const a = p.activity[u];
  const b = p.buying[u];
  const man = p.stage[u] === MAN;
  const beauty = p.beauty[u];
  click[S.everyday] = 0.16 * a;
  buy[S.everyday] = 0.035 * b;
  click[S.women] = (man ? 0.006 : 0.09) * a;
  buy[S.women] = (man ? 0.002 : 0.018) * b;
  click[S.beauty] = 0.025 * beauty * a;
  buy[S.beauty] = 0.01 * beauty * b;
  click[S.men] = (man ? 0.09 : 0.005) * a;
  buy[S.men] = (man ? 0.018 : 0.0015) * b;
  click[S.kids] = (p.kidsParent[u] ? 0.04 : 0.0015) * a;
  buy[S.kids] = (p.kidsParent[u] ? 0.01 : 0.0003) * b;
  click[S.maternity] = (man ? 0.0002 : 0.0008) * a;
  buy[S.maternity] = p.giftBuyer[u] ? 0.0025 * b : 0;
  const trying = p.ttcFrom[u] !== NONE && day >= p.ttcFrom[u] && day < p.ttcTo[u];
  click[S.ttc] = (trying ? 0.03 : man ? 0.0002 : 0.0006) * a;
  buy[S.ttc] = trying ? 0.01 * b : 0.00005;
  click[S.pregnancy] = (man ? 0.0003 : 0.0008) * a;
  buy[S.pregnancy] = man ? 0 : 0.0001 * b;
  click[S.gear] = 0.002 * a;
  buy[S.gear] = 0.0002 * b;
  click[S.care] = 0.003 * a;
  buy[S.care] = 0.0004 * b;
}

/** From learning of the pregnancy until the birth. */
function applyPregnancy(p: Population, u: number, day: number, click: Float64Array, buy: Float64Array): void {
  const a = p.activity[u];
  const b = p.buying[u];
  const g = day - p.pregnancyStart[u];
  const clickOnly = p.stage[u] === CLICK_ONLY;
  // Many pregnant women avoid cosmetics and stop wearing heels.
  click[S.beauty] *= 0.3;
  buy[S.beauty] *= 0.2;
  click[S.women] *= 0.7;
  buy[S.women] *= 0.7;
  click[S.maternity] = (0.04 + 0.1 * ramp((day - p.aware[u]) / 90)) * a * (clickOnly ? 1.4 : 1);
  // Maternity buying follows the browsing by a few weeks, peaks in months 3 to 6 (when clothes stop fitting), then
  // gives way to baby goods; it ends with the month before the birth.
  const shape = g < 180 ? ramp((day - p.aware[u] - 14) / 45) : Math.max(0.2, 1 - (g - 180) / 70);
  buy[S.maternity] = day < p.birthMonthStart[u] ? 0.09 * shape * p.maternity[u] * b : 0;
  click[S.pregnancy] = 0.05 * a * (clickOnly ? 1.3 : 1);
  buy[S.pregnancy] = 0.012 * b * (clickOnly ? 1.7 : 1);
  click[S.gear] += 0.07 * ramp((g - 140) / 100) * a;
  buy[S.gear] += 0.014 * ramp((g - 170) / 80) * b;
  click[S.care] += 0.05 * ramp((g - 190) / 60) * a;
  buy[S.care] += 0.012 * ramp((g - 200) / 60) * b;
}

/** After the birth: maternity stops, baby care dominates, beauty returns after a lull. */
function applyMotherhood(
  p: Population,
  u: number,
  day: number,
  click: Float64Array,
  buy: Float64Array,
): void {
  const a = p.activity[u];
  const b = p.buying[u];
  const since = day - p.birth[u];
  // Cosmetics and heels come back a few months after the birth, often with a rebound.
  const beauty = since < 60 ? 0.5 : since < 120 ? 1 : 1.6;
  click[S.beauty] *= beauty;
  buy[S.beauty] *= beauty;
  click[S.women] *= since < 90 ? 0.6 : 1;
  buy[S.women] *= since < 90 ? 0.6 : 1;
  click[S.everyday] *= 1.1;
  buy[S.everyday] *= 1.1;
  click[S.maternity] = 0;
  buy[S.maternity] = 0;
  click[S.pregnancy] = 0.004 * a;
  buy[S.pregnancy] = 0.0015 * b;
  const fading = Math.exp(-since / 120);
  click[S.gear] = (0.01 + 0.05 * fading) * a;
  buy[S.gear] = (0.002 + 0.01 * fading) * b;
  click[S.care] = 0.22 * a;
  buy[S.care] = 0.07 * b;
}

/** A man whose partner is expecting or has just given birth: a muted echo of her baby shopping. */
function applyFatherhood(
  p: Population,
  u: number,
  day: number,
  click: Float64Array,
  buy: Float64Array,
): void {
  const a = p.activity[u];
  const b = p.buying[u];
  const g = day - p.pregnancyStart[u];
  if (day < p.birth[u]) {
    click[S.maternity] = 0.008 * a;
    buy[S.maternity] = 0.0015 * b;
    click[S.gear] += 0.03 * ramp((g - 150) / 100) * a;
    buy[S.gear] += 0.006 * ramp((g - 180) / 80) * b;
  } else {
    click[S.gear] = 0.02 * a;
    buy[S.gear] = 0.004 * b;
    click[S.care] = 0.06 * a;
    buy[S.care] = 0.02 * b;
  }
}

/** Writes user u's per-stream click and purchase rates (event rows per day) for `day`. */
export function fillDayRates(
  p: Population,
  u: number,
  day: number,
  click: Float64Array,
  buy: Float64Array,
): void {
  fillBaseline(p, u, day, click, buy);
  const start = p.pregnancyStart[u];
  if (start === NONE || day < start) return;
  if (p.fatherToBe[u]) {
    if (day >= p.aware[u]) applyFatherhood(p, u, day, click, buy);
  } else if (day >= p.birth[u]) applyMotherhood(p, u, day, click, buy);
  else if (day >= p.aware[u]) applyPregnancy(p, u, day, click, buy);
}
