export { createPendingCalls } from './pendingCalls';
export type { CallReply, PendingCalls, Waiter } from './pendingCalls';
