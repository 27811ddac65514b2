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
}

export class LabClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** set once the worker failed (e.g. its modules did not load): later requests fail at once instead of waiting */
  private failure: Error | null = null;
  private readonly listeners = new Map<EventKind, Set<(payload: never, requestId: number | null) => void>>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event) => this.receive(event.data));
    worker.addEventListener('error', (event) => this.failAll(event));
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

  /** A worker that fails to load or throws outside a handler must not leave the page waiting forever. */
  private failAll(event: ErrorEvent): void {
    const reason = event.message || 'the background worker stopped unexpectedly';
    this.failure = new Error(
      `The lab's background worker failed (${reason}). Reload the page to try again; a run that was training comes back interrupted, ready to resume.`,
    );
    for (const [id, entry] of this.pending) {
      entry.reject(this.failure);
      this.pending.delete(id);
    }
  }
}

let shared: LabClient | null = null;

/** The page's one worker, started on first use. */
export function getLabClient(): LabClient {
  if (!shared) {
    const worker = new Worker(new URL('../lab.worker.ts', import.meta.url), {
      type: 'module',
      name: 'tag-lab',
    });
    shared = new LabClient(worker as unknown as WorkerLike);
  }
  return shared;
}
