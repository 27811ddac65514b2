// The lab worker: holds the dataset (and later the models) off the main thread and answers typed requests.
// The loop lives in ./host/dispatch, the work in ./host/handlers (one plain async function per request kind).

import { createDispatcher } from './host/dispatch';
import { handlers } from './host/handlers';
import type { ToWorker } from './protocol';
import { createWorkerState } from './host/state';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const dispatch = createDispatcher(
  (message, transfer = []) => scope.postMessage(message, transfer),
  createWorkerState(),
  handlers,
);

scope.onmessage = (event: MessageEvent<ToWorker>) => dispatch(event.data);
