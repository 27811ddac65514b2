export { serveInOrder } from './channel';
export type { CallEndpoint, ServePort, WithoutId } from './channel';
export { createPendingCalls } from './pendingCalls';
export type { CallReply, PendingCalls, Waiter } from './pendingCalls';
