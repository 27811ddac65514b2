// What a request handler receives and returns. Handlers are plain async functions over plain data, so tests can
// call them directly without a worker.

import type { EventKind, LabEvents, ParamsOf, RequestKind, ResultOf } from '../../protocol';
import type { WorkerState } from '../state';

export interface HandlerContext {
  /** aborted when the page cancels this request */
  readonly signal: AbortSignal;
  /** pushes an event tagged with this request's id */
  emit<E extends EventKind>(kind: E, payload: LabEvents[E]): void;
  /** buffers to transfer (not copy) with the result */
  readonly transfer: Transferable[];
  /** what the worker holds between requests (the dataset, later models) */
  readonly state: WorkerState;
}

export type Handler<K extends RequestKind> = (
  params: ParamsOf<K>,
  ctx: HandlerContext,
) => Promise<ResultOf<K>>;

/** One handler per request kind; a kind without a handler is a compile error. */
export type HandlerRegistry = { [K in RequestKind]: Handler<K> };
