// The import report of a dataset that came from the demo generator rather than from files, so the Data screen
// shows both the same way.

import type { ImportReport } from '../../core/events';
import { ACTION_CODE, type EventStore, type TruthTable } from '../../core/events';
import { isoFromDay } from '../../core/time';

export function reportFromStore(store: EventStore, truth: TruthTable | null): ImportReport {
  let purchase = 0;
  let click = 0;
  for (let i = 0; i < store.action.length; i++) {
    if (store.action[i] === ACTION_CODE.purchase) purchase++;
    else click++;
  }
  const events = store.action.length;
  return {
    rows: events,
    events,
    users: store.userIds.length,
    categories: store.categoryIds.length,
    dateRange: events ? { from: isoFromDay(store.minDay), to: isoFromDay(store.maxDay) } : null,
    actions: { purchase, click },
    otherBehaviours: {},
    skipped: {},
    files: [],
    truthUsers: truth ? truth.userIds.length : 0,
    warnings: [],
  };
}
