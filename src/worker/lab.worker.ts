// The lab worker: holds the dataset (and later the models) off the main thread and answers typed requests.
// The loop lives in ./host/dispatch, the work in ./host/handlers (one plain async function per request kind).

import { createDispatcher } from './host/dispatch';
import { handlers } from './host/handlers';
import type { FromWorker, ToWorker } from './protocol';
import { createWorkerState } from './host/state';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const dispatch = createDispatcher(
  (message, transfer = []) => scope.postMessage(message, transfer),
  createWorkerState(),
  handlers,
);

scope.onmessage = (event: MessageEvent<ToWorker>) => dispatch(event.data);

// The page learns this worker died when the lock named after it (its name, see worker/client startLabWorker) frees:
// it is held until the worker is gone, whatever ends it.
if (typeof navigator.locks !== 'undefined')
  void navigator.locks.request(scope.name, () => {
    scope.postMessage({ type: 'alive' } satisfies FromWorker);
    return new Promise<never>(() => {});
  });
