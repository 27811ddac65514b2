// The calling side of a request/reply protocol over a message channel, shared by the replica, scorer and job links:
// ids for requests, the promises waiting on replies, and what a dead channel does to them (rejects what waits now
// and every later call, with the reason it died).

export type CallReply = { id: number; result: unknown } | { id: number; error: string };

export interface Waiter {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

export interface PendingCalls<W extends Waiter = Waiter> {
  /** sends a request under a fresh id (`send`) and waits for its reply; rejects at once once the channel failed */
  call<T>(send: (id: number) => void, extra?: Omit<W, keyof Waiter>): Promise<T>;
  /** the waiter of a request still waiting (for replies that report progress before the result) */
  waiting(id: number): W | undefined;
  /** settles the request a result or error reply answers */
  settle(reply: CallReply): void;
  /** the channel died (or was closed): rejects what waits and every later call; the first reason stays */
  fail(reason: string): void;
}

export function createPendingCalls<W extends Waiter = Waiter>(): PendingCalls<W> {
  const pending = new Map<number, W>();
  let failure: string | null = null;
  let nextId = 0;
  return {
    call<T>(send: (id: number) => void, extra?: Omit<W, keyof Waiter>) {
      return new Promise<T>((resolve, reject) => {
        if (failure) return reject(new Error(failure));
        const id = nextId++;
        pending.set(id, { ...extra, resolve: resolve as (value: unknown) => void, reject } as W);
        send(id);
      });
    },
    waiting: (id) => pending.get(id),
    settle(reply) {
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.result);
    },
    fail(reason) {
      failure ??= reason;
      for (const waiter of pending.values()) waiter.reject(new Error(failure));
      pending.clear();
    },
  };
}
