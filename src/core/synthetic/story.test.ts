import { describe, expect, it } from 'vitest';
import { ACTION_CODE } from '../events/types';
import { dayFromIso, isoFromDay, subtractMonths } from '../time';
import { PRESET_NEGATIVE_CATEGORIES, PRESET_POSITIVE_CATEGORIES } from './catalogue';
import { generateDemo } from './generate';
import { NO_DAY, STAGE_CODE } from './population';

const world = generateDemo({ users: 2000, seed: 11 });
const { store, timeline, asOfDay } = world;
const users = store.userIds.length;
const PURCHASE = ACTION_CODE.purchase;
const CLICK = ACTION_CODE.click;

function indicesOf(names: readonly string[]): Set<number> {
  return new Set(names.map((n) => store.categoryNames.indexOf(n)));
}

function indicesOfGroup(group: string): Set<number> {
  return new Set(world.categories.flatMap((c, i) => (c.group === group ? [i] : [])));
}

function usersIn(stage: number): number[] {
  return Array.from({ length: users }, (_, u) => u).filter((u) => timeline.stageCode[u] === stage);
}

/** Sums user u's counts of one action in the categories, within [from, to). */
function sumOf(u: number, action: number, categories: Set<number>, from = -Infinity, to = Infinity): number {
  let sum = 0;
  for (let i = store.userStart[u]; i < store.userStart[u + 1]; i++)
    if (
      store.action[i] === action &&
      categories.has(store.category[i]) &&
      store.day[i] >= from &&
      store.day[i] < to
    )
      sum += store.count[i];
  return sum;
}

const maternity = indicesOf(PRESET_POSITIVE_CATEGORIES);
const beauty = indicesOf(PRESET_NEGATIVE_CATEGORIES);
const baby = indicesOfGroup('baby');

describe('the demo world tells the pregnancy story', () => {
  it('puts every recent mother’s maternity purchases before her baby’s birth month', () => {
    const mothers = usersIn(STAGE_CODE['recent-mother']);
    expect(mothers.length).toBe(160);
    let buyers = 0;
    for (const u of mothers) {
      const birth = timeline.birthDay[u];
      expect(asOfDay - birth).toBeGreaterThanOrEqual(30);
      expect(asOfDay - birth).toBeLessThanOrEqual(365);
      const birthMonth = dayFromIso(`${isoFromDay(birth).slice(0, 7)}-01`);
      expect(sumOf(u, PURCHASE, maternity, birthMonth)).toBe(0);
      expect(sumOf(u, CLICK, maternity, birth)).toBe(0);
      if (sumOf(u, PURCHASE, maternity) > 0) buyers++;
    }
    expect(buyers / mothers.length).toBeGreaterThan(0.5);
  });

  it('has recent mothers buying baby goods after the birth far more than before the pregnancy', () => {
    let after = 0;
    let before = 0;
    for (const u of usersIn(STAGE_CODE['recent-mother'])) {
      after += sumOf(u, PURCHASE, baby, timeline.birthDay[u]) / (asOfDay - timeline.birthDay[u]);
      before +=
        sumOf(u, PURCHASE, baby, store.minDay, timeline.pregnancyStartDay[u]) /
        Math.max(1, timeline.pregnancyStartDay[u] - store.minDay);
    }
    expect(after).toBeGreaterThan(10 * before);
  });

  it('keeps currently pregnant users 1 to 9 months into a pregnancy that has not ended', () => {
    for (const u of [...usersIn(STAGE_CODE.pregnant), ...usersIn(STAGE_CODE['pregnant-click-only'])]) {
      const into = asOfDay - timeline.pregnancyStartDay[u];
      expect(into).toBeGreaterThanOrEqual(30);
      expect(into).toBeLessThan(271);
      expect(timeline.birthDay[u]).toBeGreaterThan(asOfDay);
    }
    for (const u of [...usersIn(STAGE_CODE['other-woman']), ...usersIn(STAGE_CODE.man)]) {
      expect(timeline.pregnancyStartDay[u]).toBe(NO_DAY);
      expect(timeline.birthDay[u]).toBe(NO_DAY);
    }
  });

  it('has click-only pregnant users who never buy maternity care or wear but click them', () => {
    const clickOnly = usersIn(STAGE_CODE['pregnant-click-only']);
    expect(clickOnly.length).toBe(70);
    let showing = 0;
    let clickers = 0;
    for (const u of clickOnly) {
      expect(sumOf(u, PURCHASE, maternity)).toBe(0);
      if (asOfDay - timeline.pregnancyStartDay[u] < 90) continue;
      showing++;
      if (sumOf(u, CLICK, maternity, timeline.pregnancyStartDay[u]) >= 5) clickers++;
    }
    expect(showing).toBeGreaterThan(40);
    expect(clickers / showing).toBeGreaterThan(0.9);
  });

  it('lets the preset rules label a fair share but leave many truly pregnant users unlabelled', () => {
    const from = subtractMonths(asOfDay, 12);
    const outcome = { positive: 0, negative: 0, conflict: 0, pregnantUnlabelled: 0, pregnant: 0 };
    for (let u = 0; u < users; u++) {
      const pos = sumOf(u, PURCHASE, maternity, from) >= 5;
      const neg = sumOf(u, PURCHASE, beauty, from) >= 5;
      if (pos && neg) outcome.conflict++;
      else if (pos) outcome.positive++;
      else if (neg) outcome.negative++;
      if (world.truth.labels[u] === 1) {
        outcome.pregnant++;
        if (!pos && !neg) outcome.pregnantUnlabelled++;
      }
    }
    expect(outcome.positive / users).toBeGreaterThan(0.05);
    expect(outcome.negative / users).toBeGreaterThan(0.08);
    expect(outcome.conflict).toBeGreaterThan(0);
    expect(outcome.positive + outcome.negative + outcome.conflict).toBeLessThan(users / 2);
    expect(outcome.pregnantUnlabelled / outcome.pregnant).toBeGreaterThan(0.25);
  });

  it('shows maternity clicks rising weeks before maternity purchases in a pregnancy', () => {
    let clickLead = 0;
    let clickDays = 0;
    let buyDays = 0;
    let pairs = 0;
    for (const u of usersIn(STAGE_CODE.pregnant)) {
      let firstClick = Infinity;
      let firstBuy = Infinity;
      for (let i = store.userStart[u]; i < store.userStart[u + 1]; i++) {
        if (!maternity.has(store.category[i]) || store.day[i] < timeline.pregnancyStartDay[u]) continue;
        if (store.action[i] === CLICK) firstClick = Math.min(firstClick, store.day[i]);
        else firstBuy = Math.min(firstBuy, store.day[i]);
      }
      if (firstBuy === Infinity || firstClick === Infinity) continue;
      pairs++;
      if (firstClick < firstBuy) clickLead++;
      clickDays += firstClick - timeline.pregnancyStartDay[u];
      buyDays += firstBuy - timeline.pregnancyStartDay[u];
    }
    expect(pairs).toBeGreaterThan(100);
    expect(clickLead / pairs).toBeGreaterThan(0.75);
    expect((buyDays - clickDays) / pairs).toBeGreaterThan(14);
  });

  it('lets other women buy a maternity gift now and then and men buy cosmetics only rarely', () => {
    const gifts = usersIn(STAGE_CODE['other-woman']).filter((u) => sumOf(u, PURCHASE, maternity) > 0).length;
    expect(gifts).toBeGreaterThan(0);
    expect(gifts).toBeLessThan(0.15 * usersIn(STAGE_CODE['other-woman']).length);
    const men = usersIn(STAGE_CODE.man);
    const menBeauty = men.reduce((sum, u) => sum + sumOf(u, PURCHASE, beauty), 0) / men.length;
    const womenBeauty =
      usersIn(STAGE_CODE['other-woman']).reduce((sum, u) => sum + sumOf(u, PURCHASE, beauty), 0) / 800;
    expect(menBeauty).toBeLessThan(womenBeauty / 20);
  });
});
