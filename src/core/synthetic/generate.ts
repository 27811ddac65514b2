// The seeded demo world: draws a population, simulates each user's clicks and purchases day by day, and pushes
// the events straight into an EventStoreBuilder (no per-event objects), plus the truth table and the catalogue.
// generateDemoCancellable is the same simulation in slices, for the worker (Cancel) and anything else that waits.

import { createSliceClock, pauseBetweenChunks, throwIfAborted, type CancelHooks } from '../events/abort';
import { EventStoreBuilder } from '../events/storeBuilder';
import type { EventStore, TruthTable } from '../events/types';
import { ACTION_CODE } from '../events/types';
import { createRandom } from '../random';
import { dayFromIso, subtractMonths } from '../time';
import { STREAM_COUNT, fillDayRates } from './behaviour';
import type { Catalogue, CategoryGroup } from './catalogue';
import { buildCatalogue } from './catalogue';
import type { DemoStage, Population } from './population';
import { DEMO_STAGES, NO_DAY, STAGE_CODE, drawPopulation } from './population';

export interface DemoOptions {
  users: number;
  seed: number;
  /** ISO date; the store's default as-of (day after the last event) lands on it. Default 2026-07-01. */
  asOf?: string;
  /** history length in calendar months, default 24 */
  months?: number;
}

/** Where each user's pregnancy sits in time (debugging and tests); NO_DAY (-1) where there is none. */
export interface DemoTimeline {
  pregnancyStartDay: Int32Array;
  /** past birth for recent mothers, the due day (after as-of) for pregnant users */
  birthDay: Int32Array;
  /** DEMO_STAGES index per user */
  stageCode: Uint8Array;
}

export interface DemoWorld {
  store: EventStore;
  truth: TruthTable;
  categories: { id: string; name: string; group: CategoryGroup }[];
  asOfDay: number;
  startDay: number;
  stages: Record<DemoStage, number>;
  timeline: DemoTimeline;
}

export const DEMO_DEFAULT_AS_OF = '2026-07-01';
export const DEMO_DEFAULT_MONTHS = 24;
const FAVOURITE_SHARE = 0.35;
// Module-level copies: imported bindings cost a lookup per use in some module loaders, and these run per event.
const STREAMS_N = STREAM_COUNT;
const fillRates = fillDayRates;
const CLICK = ACTION_CODE.click;
const PURCHASE = ACTION_CODE.purchase;

function validateOptions(o: DemoOptions): void {
  if (!Number.isInteger(o.users) || o.users < 1 || o.users > 10_000_000)
    throw new Error(`The demo needs a whole number of users between 1 and 10,000,000, got ${o.users}`);
  if (!Number.isInteger(o.seed)) throw new Error(`The demo seed must be a whole number, got ${o.seed}`);
  const months = o.months ?? DEMO_DEFAULT_MONTHS;
  if (!Number.isInteger(months) || months < 1 || months > 120)
    throw new Error(`The demo history must be 1 to 120 whole months, got ${months}`);
}

function drawPoisson(lambda: number, random: () => number): number {
  let p = Math.exp(-lambda);
  let sum = p;
  const u = random();
  let n = 0;
  while (u > sum && n < 60) {
    n++;
    p *= lambda / n;
    sum += p;
  }
  return n;
}

function pickIndex(weights: Float64Array, total: number, random: () => number): number {
  let r = random() * total;
  for (let i = 0; i < weights.length - 1; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

function pickByCumulative(cumulative: Float64Array, r: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Shopping festivals (11.11, 12.12, 6.18) lift purchases; weekends lift browsing. */
function drawDayFactors(startDay: number, asOfDay: number): { click: Float64Array; buy: Float64Array } {
  const click = new Float64Array(asOfDay - startDay);
  const buy = new Float64Array(asOfDay - startDay);
  for (let d = startDay; d < asOfDay; d++) {
    const date = new Date(d * 86_400_000);
    const weekday = date.getUTCDay();
    const md = `${date.getUTCMonth() + 1}.${date.getUTCDate()}`;
    const festival = md === '11.11' ? 4 : md === '12.12' || md === '6.18' ? 2 : md === '11.10' ? 1.5 : 1;
    click[d - startDay] = (weekday === 0 || weekday === 6 ? 1.15 : 1) * (festival > 1 ? 1.6 : 1);
    buy[d - startDay] = festival;
  }
  return { click, buy };
}

interface Simulation {
  builder: EventStoreBuilder;
  catalogue: Catalogue;
  categoryIds: string[];
  population: Population;
  favourites: Int32Array;
  factors: { click: Float64Array; buy: Float64Array };
  startDay: number;
  asOfDay: number;
  random: () => number;
}

function drawFavourites(users: number, catalogue: Catalogue, random: () => number): Int32Array {
  const out = new Int32Array(users * STREAM_COUNT);
  for (let i = 0; i < out.length; i++) {
    const s = i % STREAM_COUNT;
    out[i] = catalogue.streamMembers[s][pickByCumulative(catalogue.streamCumulative[s], random())];
  }
  return out;
}

function pickCategory(sim: Simulation, u: number, stream: number): number {
  const r = sim.random();
  if (r < FAVOURITE_SHARE) return sim.favourites[u * STREAMS_N + stream];
  const at = pickByCumulative(
    sim.catalogue.streamCumulative[stream],
    (r - FAVOURITE_SHARE) / (1 - FAVOURITE_SHARE),
  );
  return sim.catalogue.streamMembers[stream][at];
}

/** One Poisson draw per user-day for all rows; each row then picks its action and stream by rate. */
function simulateUser(sim: Simulation, u: number, userId: string): void {
  const streams = STREAMS_N;
  const rates = new Float64Array(2 * streams);
  const click = rates.subarray(0, streams);
  const buy = rates.subarray(streams);
  const { random, builder } = sim;
  const ids = sim.categoryIds;
  for (let day = sim.population.firstDay[u]; day < sim.asOfDay; day++) {
    fillRates(sim.population, u, day, click, buy);
    const cf = sim.factors.click[day - sim.startDay];
    const bf = sim.factors.buy[day - sim.startDay];
    let total = 0;
    for (let s = 0; s < streams; s++) {
      click[s] *= cf;
      buy[s] *= bf;
      total += click[s] + buy[s];
    }
    const rows = drawPoisson(total, random);
    for (let k = 0; k < rows; k++) {
      const pick = pickIndex(rates, total, random);
      if (pick < streams) {
        let count = 1;
        while (count < 30 && random() < 0.55) count++;
        builder.push(userId, ids[pickCategory(sim, u, pick)], day, CLICK, count);
      } else {
        const r = random();
        const count = r < 0.85 ? 1 : r < 0.97 ? 2 : 3;
        builder.push(userId, ids[pickCategory(sim, u, pick - streams)], day, PURCHASE, count);
      }
    }
  }
}

function drawUserIds(users: number, random: () => number): string[] {
  const ids: string[] = new Array<string>(users);
  let next = 100_000;
  for (let u = 0; u < users; u++) {
    next += 1 + Math.floor(random() * 12);
    ids[u] = String(next);
  }
  return ids;
}

function buildTruth(userIds: string[], stage: Uint8Array): TruthTable {
  const labels = new Uint8Array(stage.length);
  const stages: string[] = new Array<string>(stage.length);
  for (let u = 0; u < stage.length; u++) {
    labels[u] = stage[u] <= STAGE_CODE['pregnant-click-only'] ? 1 : 0;
    stages[u] = DEMO_STAGES[stage[u]];
  }
  return { userIds, labels, stages };
}

function countStages(stage: Uint8Array): Record<DemoStage, number> {
  const out = Object.fromEntries(DEMO_STAGES.map((s) => [s, 0])) as Record<DemoStage, number>;
  for (let u = 0; u < stage.length; u++) out[DEMO_STAGES[stage[u]]]++;
  return out;
}

function exportTimeline(p: Population): DemoTimeline {
  const pregnancyStartDay = p.pregnancyStart.slice();
  const birthDay = p.birth.slice();
  for (let u = 0; u < p.stage.length; u++) {
    if (p.stage[u] > STAGE_CODE['recent-mother']) pregnancyStartDay[u] = birthDay[u] = NO_DAY;
  }
  return { pregnancyStartDay, birthDay, stageCode: p.stage.slice() };
}

/** Draws the population and sets up the builder: everything before the per-user simulation. */
function startSimulation(options: DemoOptions): { sim: Simulation; userIds: string[] } {
  validateOptions(options);
  const asOfDay = dayFromIso(options.asOf ?? DEMO_DEFAULT_AS_OF);
  const startDay = subtractMonths(asOfDay, options.months ?? DEMO_DEFAULT_MONTHS);
  const catalogue = buildCatalogue();
  const people = createRandom(options.seed);
  const userIds = drawUserIds(options.users, people);
  const population = drawPopulation(options.users, { startDay, asOfDay }, people);
  const random = createRandom((options.seed ^ 0x5bd1e995) >>> 0);
  const builder = new EventStoreBuilder();
  for (const c of catalogue.categories) {
    builder.addCategory(c.id);
    builder.setCategoryName(c.id, c.name);
  }
  for (const id of userIds) builder.addUser(id);
  const favourites = drawFavourites(options.users, catalogue, random);
  const factors = drawDayFactors(startDay, asOfDay);
  const categoryIds = catalogue.categories.map((c) => c.id);
  const sim: Simulation = {
    builder,
    catalogue,
    categoryIds,
    population,
    favourites,
    factors,
    startDay,
    asOfDay,
    random,
  };
  return { sim, userIds };
}

function finishWorld({ sim, userIds }: { sim: Simulation; userIds: string[] }): DemoWorld {
  const { population } = sim;
  return {
    store: sim.builder.finish(),
    truth: buildTruth(userIds, population.stage),
    categories: sim.catalogue.categories.map((c) => ({ ...c })),
    asOfDay: sim.asOfDay,
    startDay: sim.startDay,
    stages: countStages(population.stage),
    timeline: exportTimeline(population),
  };
}

/** Generates the demo world; the same options always give identical arrays. */
export function generateDemo(options: DemoOptions): DemoWorld {
  const started = startSimulation(options);
  for (let u = 0; u < options.users; u++) simulateUser(started.sim, u, started.userIds[u]);
  return finishWorld(started);
}

/** Users simulated between two looks at the clock (a user is ~0.1 ms). */
const USERS_PER_CLOCK_LOOK = 64;

/**
 * The same world as generateDemo, simulated in slices of about 50 ms with a pause between them, so a worker can
 * read a Cancel: an aborted signal rejects with an AbortError and the half-built store is dropped.
 */
export async function generateDemoCancellable(
  options: DemoOptions,
  hooks: CancelHooks & { sliceMs?: number },
): Promise<DemoWorld> {
  const message = 'Demo generation was cancelled.';
  throwIfAborted(hooks.signal, message);
  const started = startSimulation(options);
  const clock = createSliceClock(hooks.sliceMs);
  for (let u = 0; u < options.users; u++) {
    simulateUser(started.sim, u, started.userIds[u]);
    if (u % USERS_PER_CLOCK_LOOK === 0 && clock.due()) {
      await pauseBetweenChunks(hooks, message);
      clock.reset();
    }
  }
  await pauseBetweenChunks(hooks, message);
  return finishWorld(started);
}
