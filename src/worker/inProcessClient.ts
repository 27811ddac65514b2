// A LabClient whose "worker" runs on this thread at the end of a MessageChannel: the same messages, the same
// structured cloning, no Worker. Tests use it; the page could fall back to it where module workers are unavailable.
// `kill` ends the current "worker" as a crash would (its state gone, its requests unanswered): the client starts a
// fresh one over the same storage, as the page does after a real worker died.

import { LabClient, type StartWorker, type WorkerLike } from './client';
import { createDispatcher } from './host/dispatch';
import { handlers as allHandlers } from './host/handlers';
import type { HandlerRegistry } from './host/handlers/types';
import type { ToWorker } from './protocol';
import { createWorkerState } from './host/state';
import { openRunStorage, type RunStorage } from './storage/runStorage';

/**
 * The run storage as a worker sees it until it dies: afterwards its calls never settle, as a dead worker writes
 * nothing (the in-process "worker" keeps running on this thread, so its late writes must not land).
 */
function storageUntil(dead: () => boolean): RunStorage | null {
  if (typeof indexedDB === 'undefined') return null;
  const storage = openRunStorage();
  return new Proxy(storage, {
    get(target, key: keyof RunStorage) {
      const method = target[key];
      return (...args: unknown[]) =>
        dead() ? new Promise(() => {}) : (method as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
}

export interface InProcessLab {
  client: LabClient;
  close(): void;
  /** the current worker dies with this reason (tests of a crash mid-run) */
  kill(reason?: string): void;
}

export function createInProcessLab(handlers: HandlerRegistry = allHandlers): InProcessLab {
  let current: { channel: MessageChannel; died: (reason: string) => void } | null = null;
  const start: StartWorker = (died) => {
    const channel = new MessageChannel();
    const me = { dead: false };
    const dispatch = createDispatcher(
      (message, transfer = []) => channel.port1.postMessage(message, transfer),
      createWorkerState({ runStorage: storageUntil(() => me.dead) }),
      handlers,
    );
    channel.port1.onmessage = (event: MessageEvent<ToWorker>) => dispatch(event.data);
    channel.port2.start();
    // as the real worker does once its life lock is held: from now on a death counts as a crash, not a failed load
    channel.port1.postMessage({ type: 'alive' });
    current = {
      channel,
      died: (reason) => {
        me.dead = true;
        died(reason);
      },
    };
    const port = channel.port2 as unknown as WorkerLike;
    port.terminate = () => close(channel);
    return port;
  };
  const close = (channel: MessageChannel) => {
    // a dead worker's dispatcher may still be inside a handler: nothing it posts may reach anyone
    channel.port1.onmessage = null;
    channel.port1.close();
    channel.port2.close();
  };
  const client = new LabClient(start);
  return {
    client,
    close: () => current && close(current.channel),
    kill: (reason = 'it ran out of memory') => current?.died(reason),
  };
}
