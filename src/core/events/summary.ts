// Dataset summary for the page's charts: the busiest categories and events per calendar month.

import { ACTION_CODE, type EventStore } from './types';
import { isoFromDay } from '../time';
import type { DatasetSummary } from './importTypes';

const TOP_CATEGORIES = 20;

export function summariseStore(store: EventStore): DatasetSummary {
  const categories = store.categoryIds.length;
  const purchases = new Float64Array(categories);
  const clicks = new Float64Array(categories);
  const byMonth = new Map<string, { purchases: number; clicks: number }>();
  // Month keys are looked up once per distinct day, not per event.
  const monthOfDay = new Map<number, { purchases: number; clicks: number }>();
  for (let i = 0; i < store.category.length; i++) {
    const isPurchase = store.action[i] === ACTION_CODE.purchase;
    (isPurchase ? purchases : clicks)[store.category[i]]++;
    const day = store.day[i];
    let bucket = monthOfDay.get(day);
    if (!bucket) {
      const month = isoFromDay(day).slice(0, 7);
      bucket = byMonth.get(month) ?? { purchases: 0, clicks: 0 };
      byMonth.set(month, bucket);
      monthOfDay.set(day, bucket);
    }
    if (isPurchase) bucket.purchases++;
    else bucket.clicks++;
  }
  const topCategories = Array.from({ length: categories }, (_, c) => ({
    id: store.categoryIds[c],
    name: store.categoryNames[c],
    events: purchases[c] + clicks[c],
    purchases: purchases[c],
    clicks: clicks[c],
  }))
    .sort((a, b) => b.events - a.events || a.id.localeCompare(b.id))
    .slice(0, TOP_CATEGORIES);
  const eventsPerMonth = [...byMonth]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([month, v]) => ({ month, ...v }));
  return { topCategories, eventsPerMonth };
}
