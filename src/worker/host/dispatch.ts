// The worker's message loop as a plain function over a `post` callback, so it runs inside the worker and, in
// tests, at the end of a MessageChannel. One running AbortController per request makes Cancel work.

import type { Handler, HandlerContext, HandlerRegistry } from './handlers/types';
import { toErrorInfo } from '../protocol/errors';
import type { FromWorker, RequestKind, RequestMessage, ToWorker } from '../protocol';
import type { WorkerState } from './state';

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;

export function createDispatcher(
  post: Post,
  state: WorkerState,
  handlers: HandlerRegistry,
): (m: ToWorker) => void {
  const running = new Map<number, AbortController>();
  state.broadcast = (kind, payload) => post({ type: 'event', kind, requestId: null, payload } as FromWorker);

  async function run(message: RequestMessage): Promise<void> {
    const controller = new AbortController();
    running.set(message.id, controller);
    const ctx: HandlerContext = {
      signal: controller.signal,
      emit: (kind, payload) => post({ type: 'event', kind, requestId: message.id, payload } as FromWorker),
      transfer: [],
      state,
    };
    try {
      const handler = handlers[message.kind] as Handler<RequestKind>;
      if (!handler) throw new Error(`The worker has no handler for "${message.kind}".`);
      const result = await handler(message.params, ctx);
      post({ type: 'result', id: message.id, result }, ctx.transfer);
    } catch (error) {
      post({ type: 'error', id: message.id, error: toErrorInfo(error) });
    } finally {
      running.delete(message.id);
    }
  }

  return (message) => {
    switch (message.type) {
      case 'request':
        void run(message);
        break;
      case 'cancel':
        running.get(message.id)?.abort();
        break;
    }
  };
}
