// A LabClient whose "worker" runs on this thread at the end of a MessageChannel: the same messages, the same
// structured cloning, no Worker. Tests use it; the page could fall back to it where module workers are unavailable.

import { LabClient, type WorkerLike } from './client';
import { createDispatcher } from './host/dispatch';
import { handlers as allHandlers } from './host/handlers';
import type { HandlerRegistry } from './host/handlers/types';
import type { ToWorker } from './protocol';
import { createWorkerState } from './host/state';

export interface InProcessLab {
  client: LabClient;
  close(): void;
}

export function createInProcessLab(handlers: HandlerRegistry = allHandlers): InProcessLab {
  const channel = new MessageChannel();
  const dispatch = createDispatcher(
    (message, transfer = []) => channel.port1.postMessage(message, transfer),
    createWorkerState(),
    handlers,
  );
  channel.port1.onmessage = (event: MessageEvent<ToWorker>) => dispatch(event.data);
  const client = new LabClient(channel.port2 as unknown as WorkerLike);
  channel.port2.start();
  return {
    client,
    close: () => {
      channel.port1.close();
      channel.port2.close();
    },
  };
}
