// Who lives in the demo world: each user's life stage, pregnancy timeline and personal traits, drawn from the seed.
// Stages come in fixed proportions (exact counts, then shuffled) so that summaries are stable across seeds.

import { shuffleInPlace } from '../random';

/** Truth stages of the demo world; label 1 (currently pregnant) for the first two. */
export const DEMO_STAGES = [
  'pregnant',
  'pregnant-click-only',
  'recent-mother',
  'other-woman',
  'man',
] as const;
export type DemoStage = (typeof DEMO_STAGES)[number];
export const STAGE_CODE = {
  pregnant: 0,
  'pregnant-click-only': 1,
  'recent-mother': 2,
  'other-woman': 3,
  man: 4,
} as const satisfies Record<DemoStage, number>;

/** Share of users per stage, in DEMO_STAGES order: a quarter of pregnant users are click-only. */
export const STAGE_SHARES: readonly number[] = [0.105, 0.035, 0.08, 0.4, 0.38];
const CLICK_ONLY_SHARE = 0.25;

/** Marks "no such day" in the timeline arrays. */
export const NO_DAY = -1;

export interface Population {
  stage: Uint8Array;
  /** pregnancy start (own, or a father-to-be's partner's); NO_DAY when none */
  pregnancyStart: Int32Array;
  /** day the user learns of the pregnancy (about a month in) */
  aware: Int32Array;
  /** birth day (past for recent mothers, the due day for pregnant users) */
  birth: Int32Array;
  /** first day of the birth's calendar month: maternity purchases stop here */
  birthMonthStart: Int32Array;
  /** trying-to-conceive window [ttcFrom, ttcTo) */
  ttcFrom: Int32Array;
  ttcTo: Int32Array;
  /** first day with activity: most users are there from the start, some join later */
  firstDay: Int32Array;
  /** multipliers: clicking, buying, beauty (cosmetics / high heels), maternity buying */
  activity: Float32Array;
  buying: Float32Array;
  beauty: Float32Array;
  maternity: Float32Array;
  /** flags: parent of older children, occasional maternity gift buyer, man whose partner is expecting */
  kidsParent: Uint8Array;
  giftBuyer: Uint8Array;
  fatherToBe: Uint8Array;
}

interface Window {
  startDay: number;
  asOfDay: number;
}

/** Lognormal multiplier with mean 1. */
function drawMultiplier(random: () => number, sigma: number): number {
  const u = Math.max(random(), 1e-12);
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  return Math.exp(sigma * normal - (sigma * sigma) / 2);
}

function between(random: () => number, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo));
}

function firstOfMonth(day: number): number {
  const d = new Date(day * 86_400_000);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000);
}

function assignStages(users: number, random: () => number): Uint8Array {
  const stage = new Uint8Array(users);
  let at = 0;
  STAGE_SHARES.forEach((share, code) => {
    const n = code === STAGE_SHARES.length - 1 ? users - at : Math.round(users * share);
    stage.fill(code, at, Math.min(users, at + n));
    at += n;
  });
  return shuffleInPlace(stage, random);
}

function allocate(users: number): Population {
  const days = () => new Int32Array(users).fill(NO_DAY);
  const floats = () => new Float32Array(users);
  return {
    stage: new Uint8Array(users),
    pregnancyStart: days(),
    aware: days(),
    birth: days(),
    birthMonthStart: days(),
    ttcFrom: days(),
    ttcTo: days(),
    firstDay: days(),
    activity: floats(),
    buying: floats(),
    beauty: floats(),
    maternity: floats(),
    kidsParent: new Uint8Array(users),
    giftBuyer: new Uint8Array(users),
    fatherToBe: new Uint8Array(users),
  };
}

/** Sets a pregnancy that started on `start`, lasting `length` days. */
function setPregnancy(p: Population, u: number, start: number, length: number, random: () => number): void {
  p.pregnancyStart[u] = start;
  p.aware[u] = start + between(random, 28, 50);
  p.birth[u] = start + length;
  p.birthMonthStart[u] = firstOfMonth(start + length);
  if (random() < 0.55) {
    p.ttcFrom[u] = start - between(random, 30, 150);
    p.ttcTo[u] = p.aware[u] + 7;
  }
}

function drawTimeline(p: Population, u: number, w: Window, random: () => number): void {
  const length = between(random, 255, 285);
  const stage = p.stage[u];
  if (stage === STAGE_CODE.pregnant || stage === STAGE_CODE['pregnant-click-only']) {
    // 1 to 9 months into the pregnancy at the as-of date, and not yet delivered.
    const into = between(random, 30, Math.min(270, length - 1));
    setPregnancy(p, u, w.asOfDay - into, length, random);
  } else if (stage === STAGE_CODE['recent-mother']) {
    const birth = w.asOfDay - between(random, 30, 366);
    setPregnancy(p, u, birth - length, length, random);
  } else if (stage === STAGE_CODE.man && p.fatherToBe[u]) {
    setPregnancy(p, u, w.asOfDay - between(random, 30, 600), length, random);
    p.ttcFrom[u] = p.ttcTo[u] = NO_DAY;
  } else if (stage === STAGE_CODE['other-woman'] && random() < 0.06) {
    // Trying for a while without (yet) a pregnancy: folic acid and tests, nothing after.
    p.ttcFrom[u] = between(random, w.startDay - 60, w.asOfDay - 30);
    p.ttcTo[u] = p.ttcFrom[u] + between(random, 60, 240);
  }
}

function drawTraits(p: Population, u: number, random: () => number): void {
  const isMan = p.stage[u] === STAGE_CODE.man;
  p.activity[u] = drawMultiplier(random, 0.5);
  p.buying[u] = drawMultiplier(random, 0.45);
  // A minority of women love cosmetics and heels; the rest buy them now and then, men almost never.
  const lover = random() < 0.22;
  p.beauty[u] = isMan ? 0.05 * random() : lover ? 2 + 2 * random() : 0.1 + 0.8 * random();
  // Recent mothers were pregnant women like any other: about a quarter of them never bought maternity goods.
  const neverBuysMaternity =
    p.stage[u] === STAGE_CODE['pregnant-click-only'] ||
    (p.stage[u] === STAGE_CODE['recent-mother'] && random() < CLICK_ONLY_SHARE);
  p.maternity[u] = neverBuysMaternity ? 0 : 0.5 + 1.1 * random();
  p.kidsParent[u] = random() < (isMan ? 0.12 : p.stage[u] === STAGE_CODE['other-woman'] ? 0.2 : 0.1) ? 1 : 0;
  p.giftBuyer[u] = p.stage[u] === STAGE_CODE['other-woman'] && random() < 0.06 ? 1 : 0;
  p.fatherToBe[u] = isMan && random() < 0.07 ? 1 : 0;
}

/** Draws every user's stage, traits and timeline. */
export function drawPopulation(users: number, w: Window, random: () => number): Population {
  const p = allocate(users);
  p.stage.set(assignStages(users, random));
  for (let u = 0; u < users; u++) {
    p.firstDay[u] = random() < 0.85 ? w.startDay : between(random, w.startDay, w.asOfDay - 60);
    drawTraits(p, u, random);
    drawTimeline(p, u, w, random);
  }
  return p;
}
