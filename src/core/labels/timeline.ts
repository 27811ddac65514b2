// What one user did, for the rule editor's preview of matched users: purchases and clicks per month bucket before
// the as-of date, and the categories they were most active in.

import { ACTION_CODE, type EventStore } from '../events/types';
import { isoFromDay, monthBoundaries } from '../time';

export interface TimelineMonth {
  /** YYYY-MM of the bucket's first day */
  month: string;
  /** first day of the bucket (inclusive), ISO */
  start: string;
  /** day after the bucket (exclusive), ISO */
  end: string;
  purchases: number;
  clicks: number;
  /** summed count in the highlighted categories (e.g. the rule categories), all actions */
  highlighted: number;
}

/** Month buckets per DESIGN.md (bucket i = [as-of − (i+1) months, as-of − i months)), oldest first. */
export function userTimeline(
  store: EventStore,
  user: number,
  asOfDay: number,
  months: number,
  highlightCategories: readonly number[] = [],
): TimelineMonth[] {
  const bounds = monthBoundaries(asOfDay, months);
  const highlight = new Set(highlightCategories);
  const out: TimelineMonth[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const start = bounds[i + 1];
    out.push({
      month: isoFromDay(start).slice(0, 7),
      start: isoFromDay(start),
      end: isoFromDay(bounds[i]),
      purchases: 0,
      clicks: 0,
      highlighted: 0,
    });
  }
  for (let e = store.userStart[user]; e < store.userStart[user + 1]; e++) {
    const d = store.day[e];
    if (d >= asOfDay || d < bounds[months]) continue;
    let i = 0;
    while (d < bounds[i + 1]) i++;
    const row = out[months - 1 - i];
    const n = store.count[e];
    if (store.action[e] === ACTION_CODE.purchase) row.purchases += n;
    else row.clicks += n;
    if (highlight.has(store.category[e])) row.highlighted += n;
  }
  return out;
}

export interface UserCategoryActivity {
  categoryId: string;
  name: string;
  purchases: number;
  clicks: number;
}

/** The user's most active categories in [as-of − months, as-of), by purchases then clicks. */
export function userTopCategories(
  store: EventStore,
  user: number,
  asOfDay: number,
  months: number,
  limit = 5,
): UserCategoryActivity[] {
  const start = monthBoundaries(asOfDay, months)[months];
  const byCategory = new Map<number, UserCategoryActivity>();
  for (let e = store.userStart[user]; e < store.userStart[user + 1]; e++) {
    const d = store.day[e];
    if (d >= asOfDay || d < start) continue;
    const c = store.category[e];
    let row = byCategory.get(c);
    if (!row) {
      row = { categoryId: store.categoryIds[c], name: store.categoryNames[c], purchases: 0, clicks: 0 };
      byCategory.set(c, row);
    }
    if (store.action[e] === ACTION_CODE.purchase) row.purchases += store.count[e];
    else row.clicks += store.count[e];
  }
  return [...byCategory.values()]
    .sort(
      (a, b) => b.purchases - a.purchases || b.clicks - a.clicks || a.categoryId.localeCompare(b.categoryId),
    )
    .slice(0, limit);
}
