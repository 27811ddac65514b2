import { describe, expect, it } from 'vitest';
import { DEMO_RULES, type RuleSet } from '../../../core/labels';
import { buildTestStore } from '../../../test/testStores';
import { createWorkerState } from '../state';
import type { HandlerContext } from './types';
import { buildCatalog, evaluateOver, previewMonthsFor, rulesHandlers } from './rules';

// As-of defaults to 2024-07-01 (the day after the latest event).
const store = buildTestStore(
  [
    ['p1', 'mw', '2024-06-01', 'purchase', 5],
    ['p1', 'toy', '2024-06-02', 'click', 3],
    ['p2', 'mc', '2024-05-10', 'purchase', 6],
    ['n1', 'hh', '2024-04-01', 'purchase', 5],
    ['b1', 'mw', '2024-03-01', 'purchase', 5],
    ['b1', 'cos', '2024-03-02', 'purchase', 5],
    ['u1', 'toy', '2024-06-30', 'purchase', 1],
  ],
  { mw: 'maternity wear', mc: 'maternity care', hh: 'high heels', cos: 'cosmetics', toy: 'toys' },
);

const request = (rules: RuleSet = DEMO_RULES) => ({
  rules,
  sampling: { balance: false, maxSamples: 0, seed: 1 },
  features: { maskedCategories: ['maternity wear', 'maternity care'] },
  preview: { size: 6, seed: 1 },
});

describe('rules handlers', () => {
  it('list every category with its event counts, busiest first, and the default as-of date', () => {
    const catalog = buildCatalog(store);
    expect(catalog.categories[0]).toEqual({
      id: 'mw',
      name: 'maternity wear',
      events: 2,
      purchases: 2,
      clicks: 0,
    });
    expect(catalog.categories.find((c) => c.id === 'toy')).toMatchObject({
      events: 2,
      purchases: 1,
      clicks: 1,
    });
    expect(catalog.categories).toHaveLength(5);
    expect(catalog).toMatchObject({ defaultAsOf: '2024-07-01', latestEvent: '2024-06-30' });
  });

  it('give the hierarchy of dotted names with the ids and event counts of each branch', () => {
    const dotted = buildTestStore(
      [
        ['u1', '2053013555631882655', '2024-06-01', 'purchase', 1],
        ['u1', '2053013558920217191', '2024-06-02', 'purchase', 1],
        ['u2', '2053013558920217191', '2024-06-03', 'click', 1],
        ['u2', '2053013553341792533', '2024-06-03', 'click', 1],
      ],
      {
        '2053013555631882655': 'kids.toys',
        '2053013558920217191': 'maternity.clothing',
        '2053013553341792533': 'maternity.care',
      },
    );
    const [maternity, kids] = buildCatalog(dotted).tree;
    expect(maternity).toMatchObject({ path: 'maternity', entry: 'maternity.*', events: 3, categoryCount: 2 });
    expect(maternity.children[0]).toMatchObject({
      label: 'clothing',
      ids: ['2053013558920217191'],
      events: 2,
      children: [],
    });
    expect(kids.children.map((c) => c.entry)).toEqual(['kids.toys.*']);
  });

  it('count the labels, size the training set and describe the masked inputs', () => {
    const result = evaluateOver(store, request());
    expect(result.counts).toEqual({
      positive: 2,
      negative: 1,
      conflict: 1,
      unlabelled: 1,
      users: 5,
      bothSides: 1,
    });
    expect(result.asOf).toBe('2024-07-01');
    expect(result.training).toEqual({ positive: 2, negative: 1 });
    expect(result.featureSummary).toContain('2 rule categories masked');
    const balanced = evaluateOver(store, {
      ...request(),
      sampling: { balance: true, maxSamples: 0, seed: 1 },
    });
    expect(balanced.training).toEqual({ positive: 1, negative: 1 });
  });

  it('preview the matched users of each side with their months and rule categories marked', () => {
    const { preview, previewMonths } = evaluateOver(store, request());
    expect(previewMonths).toBe(18);
    expect(preview.positive.total).toBe(2);
    expect(preview.positive.users.map((u) => u.userId).sort()).toEqual(['p1', 'p2']);
    expect(preview.conflict.users.map((u) => u.userId)).toEqual(['b1']);
    const p1 = preview.positive.users.find((u) => u.userId === 'p1')!;
    expect(p1.months).toHaveLength(18);
    expect(p1.months[17]).toEqual({ month: '2024-06', purchases: 5, clicks: 3, highlighted: 5 });
    expect(p1.top.map((t) => [t.name, t.inRules])).toEqual([
      ['maternity wear', true],
      ['toys', false],
    ]);
  });

  it('size the timelines to the widest rule window plus six months, within 12 to 36', () => {
    const wide = {
      ...DEMO_RULES,
      negative: {
        match: 'any' as const,
        conditions: [{ ...DEMO_RULES.negative.conditions[0], windowMonths: 24 }],
      },
    };
    expect(previewMonthsFor(wide)).toBe(30);
    expect(
      previewMonthsFor({
        ...wide,
        negative: { match: 'any', conditions: [] },
        positive: { match: 'any', conditions: [] },
      }),
    ).toBe(12);
  });

  it('say to load a dataset first when none is loaded', async () => {
    const ctx = { state: createWorkerState(), signal: new AbortController().signal } as HandlerContext;
    await expect(rulesHandlers['rules/catalog']({}, ctx)).rejects.toThrow(/Load files or the demo dataset/);
  });

  it('stop an evaluation the page cancelled, with an AbortError', async () => {
    const state = createWorkerState();
    state.dataset = { store, truth: null, info: {} as never };
    const controller = new AbortController();
    const ctx = { state, signal: controller.signal } as HandlerContext;
    const running = rulesHandlers['rules/evaluate'](request(), ctx);
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError', message: 'Rule evaluation cancelled' });
  });
});
