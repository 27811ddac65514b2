import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../time';
import { buildTestStore } from '../../test/testStores';
import { userTimeline, userTopCategories } from './timeline';

const store = buildTestStore(
  [
    ['u', 'c1', '2024-05-01', 'purchase', 2],
    ['u', 'c1', '2024-05-31', 'click', 3],
    ['u', 'c2', '2024-06-01', 'purchase'],
    ['u', 'c2', '2024-06-30', 'click'],
    ['u', 'c2', '2024-07-01', 'purchase', 9],
    ['u', 'c2', '2024-04-30', 'purchase', 9],
  ],
  { c1: 'maternity care', c2: 'books' },
);

describe('user timeline', () => {
  it('sums purchases and clicks per month bucket, oldest first, as-of day excluded', () => {
    const rows = userTimeline(store, 0, dayFromIso('2024-07-01'), 2, [0]);
    expect(rows).toEqual([
      { month: '2024-05', start: '2024-05-01', end: '2024-06-01', purchases: 2, clicks: 3, highlighted: 5 },
      { month: '2024-06', start: '2024-06-01', end: '2024-07-01', purchases: 1, clicks: 1, highlighted: 0 },
    ]);
  });

  it('lists the most active categories by purchases, then clicks', () => {
    const top = userTopCategories(store, 0, dayFromIso('2024-07-01'), 2);
    expect(top).toEqual([
      { categoryId: 'c1', name: 'maternity care', purchases: 2, clicks: 3 },
      { categoryId: 'c2', name: 'books', purchases: 1, clicks: 1 },
    ]);
  });
});
