// The plumbing every sub-worker of the lab worker shares (replicas, scorers, job workers), both sides of it.
// A sub-worker that is closed, crashes or runs out of memory fires no event, so each holds a Web Lock named after
// itself for life and says 'alive'; on the lab worker's side the lock freeing fails the link, so nothing waits on a
// dead sub-worker forever.

import type { BackendName } from '../../core/models';
import { ensureBackend } from './backend';

/** The lab worker's end of one sub-worker, in the shape the core's message links take. */
export interface SubWorkerEndpoint<Request, Reply> {
  post(message: Request, transfer?: ArrayBuffer[]): void;
  listen(onReply: (reply: Reply) => void, onFailure: (reason: string) => void): void;
  terminate(): void;
}

/** A fresh life-lock name for a sub-worker of this kind (also its worker name, which it locks by). */
export function lifeLockName(kind: string): string {
  return `tag-lab-${kind}-${crypto.randomUUID()}`;
}

/**
 * Wires a spawned sub-worker (named `lock`) to a message link: replies, errors, unreadable messages and the life
 * lock freeing. `what` names it in the failure messages ("sub-worker", "sweep sub-worker").
 */
export function subWorkerEndpoint<Request, Reply>(
  worker: Worker,
  lock: string,
  what: string,
): SubWorkerEndpoint<Request, Reply> {
  let ended = false;
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    listen(onReply, onFailure) {
      worker.onmessage = (e) => {
        if ((e.data as { type?: string }).type !== 'alive') return onReply(e.data as Reply);
        if (typeof navigator.locks === 'undefined') return;
        void navigator.locks.request(lock, () => {
          if (!ended) onFailure(`the ${what} was closed, crashed or ran out of memory`);
        });
      };
      worker.onerror = (e) => onFailure(`the ${what} failed: ${e.message || 'it could not start'}`);
      worker.onmessageerror = () => onFailure(`a message from the ${what} could not be read`);
    },
    terminate: () => {
      ended = true;
      worker.terminate();
    },
  };
}

// read when called: this module also loads in the lab worker and under Node (tests), where there is no such scope
const scope = () => self as unknown as DedicatedWorkerGlobalScope;

/** A sub-worker's own end: its messages in, its replies out, in the shape the core's serve functions take. */
export function subWorkerPort<Request, Reply>() {
  return {
    post: (reply: Reply, transfer: ArrayBuffer[] = []) => scope().postMessage(reply, transfer),
    listen: (onRequest: (request: Request) => void) =>
      (scope().onmessage = (e: MessageEvent<Request>) => onRequest(e.data)),
  };
}

/** Starts the backend the lab worker runs on (as the lab worker starts it), or fails naming it and `what`. */
export function startLabBackend(what: string) {
  return async (setup: { backend: string }): Promise<void> => {
    const { info } = await ensureBackend(setup.backend as BackendName);
    if (info.backend !== setup.backend)
      throw new Error(
        `the ${setup.backend} backend did not start in the ${what} (${info.message ?? 'no reason given'})`,
      );
  };
}

/** Holds this sub-worker's life lock until it is gone, whatever ends it, and tells the lab worker it holds it. */
export function holdLifeLock(): void {
  if (typeof navigator.locks === 'undefined') return;
  void navigator.locks.request(scope().name, () => {
    scope().postMessage({ type: 'alive' });
    return new Promise<never>(() => {});
  });
}
