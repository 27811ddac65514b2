// The two ends of a request/reply channel to a worker, whatever carries the messages (worker_threads, Web Workers),
// and the serving side's loop: shared by the replica, scorer and job protocols.

import { describeError } from '../errors';
import type { CallReply } from './pendingCalls';

/** The caller's end of a channel to one worker (a worker it spawned). */
export interface CallEndpoint<Request, Reply = CallReply> {
  post(message: Request, transfer: ArrayBuffer[]): void;
  /** wires the replies and the channel's death (an error event, an exit, a freed life lock) to the link */
  listen(onReply: (reply: Reply) => void, onFailure: (reason: string) => void): void;
  terminate(): void;
}

/** A request of a union without its id (the pending calls assign it), member by member. */
export type WithoutId<Request> = Request extends unknown ? Omit<Request, 'id'> : never;

/** The worker's end: where it receives requests and posts replies. */
export interface ServePort<Request, Reply = CallReply> {
  post(reply: Reply, transfer: ArrayBuffer[]): void;
  listen(onRequest: (request: Request) => void): void;
}

/**
 * Answers requests one at a time in arrival order (so, say, a replica's apply always lands before the next batch's
 * compute): each handled request's result with the buffers to transfer, or its error as a message.
 */
export function serveInOrder<Request extends { id: number }>(
  port: ServePort<Request, CallReply>,
  handle: (request: Request) => Promise<[unknown, ArrayBuffer[]]>,
): void {
  let queue = Promise.resolve();
  port.listen((request) => {
    queue = queue.then(async () => {
      try {
        const [result, transfer] = await handle(request);
        port.post({ id: request.id, result }, transfer);
      } catch (err) {
        port.post({ id: request.id, error: describeError(err) }, []);
      }
    });
  });
}
