import { describe, expect, it } from 'vitest';
import { EventStoreBuilder } from './storeBuilder';
import { summariseStore } from './summary';
import { ACTION_CODE } from './types';
import { dayFromIso } from '../time';

describe('summariseStore', () => {
  it('ranks categories by events and counts purchases and clicks per calendar month', () => {
    const b = new EventStoreBuilder();
    b.setCategoryName('c1', 'diapers');
    const add = (u: string, c: string, date: string, action: 'purchase' | 'click') =>
      b.push(u, c, dayFromIso(date), ACTION_CODE[action], 1);
    add('u1', 'c2', '2024-01-31', 'purchase');
    add('u1', 'c1', '2024-02-01', 'click');
    add('u2', 'c1', '2024-02-29', 'purchase');
    add('u2', 'c1', '2023-12-01', 'click');
    const summary = summariseStore(b.finish());
    expect(summary.topCategories).toEqual([
      { id: 'c1', name: 'diapers', events: 3, purchases: 1, clicks: 2 },
      { id: 'c2', name: 'c2', events: 1, purchases: 1, clicks: 0 },
    ]);
    expect(summary.eventsPerMonth).toEqual([
      { month: '2023-12', purchases: 0, clicks: 1 },
      { month: '2024-01', purchases: 1, clicks: 0 },
      { month: '2024-02', purchases: 1, clicks: 1 },
    ]);
  });
});
