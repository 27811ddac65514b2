// The page's side of the worker bridge: typed requests that resolve with their result, events routed to the
// request that caused them and to subscribers, and cancellation by id or by AbortSignal.

import { WorkerRequestError } from '../protocol/errors';
import type {
  EventKind,
  EventMessage,
  FromWorker,
  LabEvents,
  ParamsOf,
  RequestKind,
  ResultOf,
  ToWorker,
} from '../protocol';

export interface RequestOptions {
  /** aborting it cancels the request in the worker */
  signal?: AbortSignal;
  /** events tagged with this request's id */
  onEvent?: (event: EventMessage) => void;
  transfer?: Transferable[];
}

export interface PendingRequest<T> {
  readonly id: number;
  readonly result: Promise<T>;
  cancel(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onEvent?: (event: EventMessage) => void;
}

/** The subset of Worker the client needs (a real Worker, or anything shaped like one in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'messageerror', listener: (event: MessageEvent) => void): void;
  terminate?(): void;
}

/**
 * Starts a worker and calls `died` once it is gone, however the platform can tell (a closed or crashed worker
 * fires no event on its Worker object; see startLabWorker). A client given one starts a fresh worker after a death.
 */
export type StartWorker = (died: (reason: string) => void) => WorkerLike;

/** How often in one page a worker that died is replaced before the client gives up (a worker dying in a loop). */
export const MAX_WORKER_RESTARTS = 5;

/** What a request in flight rejects with when the worker died under it: the store tells it from a request's own error. */
export class WorkerStoppedError extends Error {
  constructor(readonly reason: string) {
    super(
      `The lab's background worker stopped (${reason}); a fresh one was started with what this browser had saved`,
    );
    this.name = 'WorkerStoppedError';
  }
}

export function isWorkerStopped(error: unknown): error is WorkerStoppedError {
  return error instanceof WorkerStoppedError;
}

export class LabClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** set once the worker failed (e.g. its modules did not load): later requests fail at once instead of waiting */
  private failure: Error | null = null;
  private readonly listeners = new Map<EventKind, Set<(payload: never, requestId: number | null) => void>>();
  private readonly restartListeners = new Set<(reason: string) => void>();
  private worker: WorkerLike;
  private readonly startWorker: StartWorker | null;
  /** whether the current worker ever answered: one that dies before it did failed to load, and is not restarted */
  private heardFrom = false;
  private restarts = 0;

  constructor(worker: WorkerLike | StartWorker) {
    this.startWorker = typeof worker === 'function' ? worker : null;
    this.worker = this.attach(typeof worker === 'function' ? null : worker);
  }

  /** Listens to a worker (started here when none is given); its death reaches `died` only while it is current. */
  private attach(given: WorkerLike | null): WorkerLike {
    const died = (reason: string) => {
      if (this.worker === worker) this.died(reason);
    };
    const worker = given ?? this.startWorker!(died);
    worker.addEventListener('message', (event) => {
      if (this.worker !== worker) return;
      this.heardFrom = true;
      this.receive(event.data);
    });
    worker.addEventListener('error', (event) =>
      died(event.message || 'the background worker stopped unexpectedly'),
    );
    // a message that cannot be read leaves its request waiting forever: as bad as a dead worker
    worker.addEventListener('messageerror', () => died('a message from it could not be read'));
    return worker;
  }

  /**
   * Calls `listener` after a dead worker was replaced by a fresh one (the reason in words); requests in flight have
   * already rejected with a WorkerStoppedError. Returns the unsubscribe function.
   */
  onRestart(listener: (reason: string) => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  /** Starts a request and returns its id, its result and a way to cancel it. */
  start<K extends RequestKind>(
    kind: K,
    params: ParamsOf<K>,
    options: RequestOptions = {},
  ): PendingRequest<ResultOf<K>> {
    const id = this.nextId++;
    const result = new Promise<ResultOf<K>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onEvent: options.onEvent });
    });
    if (this.failure) {
      this.settle(id)?.reject(this.failure);
      return { id, result, cancel: () => {} };
    }
    const message = { type: 'request', id, kind, params } as ToWorker;
    this.worker.postMessage(message, options.transfer ?? []);
    const cancel = () => this.cancel(id);
    if (options.signal) {
      if (options.signal.aborted) cancel();
      else options.signal.addEventListener('abort', cancel, { once: true });
    }
    return { id, result, cancel };
  }

  request<K extends RequestKind>(
    kind: K,
    params: ParamsOf<K>,
    options?: RequestOptions,
  ): Promise<ResultOf<K>> {
    return this.start(kind, params, options).result;
  }

  /** Asks the worker to stop request `id`; its promise rejects with an AbortError once the worker has stopped. */
  cancel(id: number): void {
    if (this.pending.has(id)) this.worker.postMessage({ type: 'cancel', id }, []);
  }

  /** Subscribes to every event of a kind, whichever request caused it. Returns the unsubscribe function. */
  on<E extends EventKind>(
    kind: E,
    listener: (payload: LabEvents[E], requestId: number | null) => void,
  ): () => void {
    let set = this.listeners.get(kind);
    if (!set) this.listeners.set(kind, (set = new Set()));
    const stored = listener as (payload: never, requestId: number | null) => void;
    set.add(stored);
    return () => set.delete(stored);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'event':
        this.dispatchEvent(message);
        break;
      case 'result':
        this.settle(message.id)?.resolve(message.result);
        break;
      case 'error':
        this.settle(message.id)?.reject(new WorkerRequestError(message.error));
        break;
      case 'alive':
        break;
    }
  }

  private dispatchEvent(message: EventMessage): void {
    if (message.requestId !== null) this.pending.get(message.requestId)?.onEvent?.(message);
    for (const listener of this.listeners.get(message.kind) ?? []) {
      listener(message.payload as never, message.requestId);
    }
  }

  private settle(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    return entry;
  }

  /**
   * The worker died (crash, out of memory, closed) or failed to load. Requests in flight reject; a worker that had
   * answered is replaced by a fresh one (its listeners and subscriptions carry over, the store restores what was
   * saved); one that never answered failed to load, so later requests fail at once instead of waiting.
   */
  private died(reason: string): void {
    const old = this.worker;
    try {
      old.terminate?.();
    } catch {
      // already gone
    }
    const canRestart = this.startWorker !== null && this.heardFrom && this.restarts < MAX_WORKER_RESTARTS;
    const error = canRestart
      ? new WorkerStoppedError(reason)
      : new Error(
          `The lab's background worker failed (${reason}). Reload the page to try again; a run that was training comes back interrupted, ready to resume.`,
        );
    if (!canRestart) this.failure = error;
    for (const [id, entry] of this.pending) {
      entry.reject(error);
      this.pending.delete(id);
    }
    if (!canRestart) return;
    this.restarts++;
    this.heardFrom = false;
    this.worker = this.attach(null);
    for (const listener of this.restartListeners) listener(reason);
  }
}

let shared: LabClient | null = null;

/** The page's one worker, started on first use. */
export function getLabClient(): LabClient {
  if (!shared) {
    shared = new LabClient(startLabWorker);
  }
  return shared;
}

/**
 * Starts the lab worker. A worker that is closed, crashes or runs out of memory fires no event here, so it holds a
 * Web Lock named after itself for its whole life (lab.worker.ts) and says so ('alive'); the page then queues for the
 * same lock, which it is granted only once the worker is gone.
 */
export const startLabWorker: StartWorker = (died) => {
  const lock = `tag-lab-${crypto.randomUUID()}`;
  const worker = new Worker(new URL('../lab.worker.ts', import.meta.url), { type: 'module', name: lock });
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    if (event.data.type === 'alive' && typeof navigator.locks !== 'undefined')
      void navigator.locks.request(lock, () => died('it was closed, crashed or ran out of memory'));
  });
  return worker as unknown as WorkerLike;
};
