// Tiny hand-made stores for the labels and features tests: one line per event, dates as ISO days.

import { EventStoreBuilder, ACTION_CODE, type Action, type EventStore } from '../core/events';
import { dayFromIso } from '../core/time';

/** [user, category id, ISO day, action, count] */
export type TestEvent = [string, string, string, Action, number?];

export function buildTestStore(events: TestEvent[], names: Record<string, string> = {}): EventStore {
  const builder = new EventStoreBuilder();
  for (const [id, name] of Object.entries(names)) {
    builder.addCategory(id);
    builder.setCategoryName(id, name);
  }
  for (const [user, category, iso, action, count] of events)
    builder.push(user, category, dayFromIso(iso), ACTION_CODE[action], count ?? 1);
  return builder.finish();
}

/** Index of a user id in the store (throws when absent, so a typo in a test fails loudly). */
export function userIndex(store: EventStore, userId: string): number {
  const u = store.userIds.indexOf(userId);
  if (u < 0) throw new Error(`no user ${userId}`);
  return u;
}
