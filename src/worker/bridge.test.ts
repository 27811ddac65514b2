import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LabClient,
  MAX_WORKER_RESTARTS,
  WorkerStoppedError,
  type StartWorker,
  type WorkerLike,
} from './client';
import { isCancelled, makeAbortError } from './protocol/errors';
import { handlers } from './host/handlers';
import type { HandlerRegistry } from './host/handlers/types';
import { createInProcessLab, type InProcessLab } from './inProcessClient';

const labs: InProcessLab[] = [];

/** The real client and the real dispatcher, talking through a MessageChannel as the page and the worker do. */
function connect(registry: HandlerRegistry = handlers): LabClient {
  const lab = createInProcessLab(registry);
  labs.push(lab);
  return lab.client;
}

/** A demo handler that reports progress and then waits until it is cancelled. */
const waitsForCancel: HandlerRegistry['data/demo'] = (_params, ctx) => {
  ctx.emit('data/progress', { file: 'demo', bytesRead: 1, bytesDone: 1, totalBytes: 2 });
  return new Promise((_resolve, reject) =>
    ctx.signal.addEventListener('abort', () => reject(makeAbortError())),
  );
};

afterEach(() => {
  for (const lab of labs.splice(0)) lab.close();
});

describe('the worker bridge', () => {
  it('answers a request with its typed result (nothing saved yet, so restore finds nothing)', async () => {
    const client = connect();
    await expect(client.request('data/restore', {})).resolves.toBeNull();
  });

  it('routes events to the request that caused them and to subscribers, and cancels by id', async () => {
    const client = connect({ ...handlers, 'data/demo': waitsForCancel });
    const seenByRequest: string[] = [];
    const seenBySubscriber: (number | null)[] = [];
    client.on('data/progress', (_payload, requestId) => seenBySubscriber.push(requestId));
    let firstEvent: () => void = () => {};
    const evented = new Promise<void>((resolve) => (firstEvent = resolve));
    const job = client.start(
      'data/demo',
      { users: 10, seed: 1 },
      {
        onEvent: (e) => {
          seenByRequest.push(e.kind);
          firstEvent();
        },
      },
    );
    // cancel once the handler is running (its progress event has arrived), not after a guessed delay
    await evented;
    job.cancel();
    const error = await job.result.catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    expect(seenByRequest).toEqual(['data/progress']);
    expect(seenBySubscriber).toEqual([job.id]);
  });

  it('cancels through an AbortSignal too', async () => {
    const client = connect({ ...handlers, 'data/demo': waitsForCancel });
    const controller = new AbortController();
    const result = client.request('data/demo', { users: 10, seed: 1 }, { signal: controller.signal });
    controller.abort();
    expect(isCancelled(await result.catch((e: unknown) => e))).toBe(true);
  });

  it('turns a handler failure into a rejected promise with the message intact', async () => {
    const failing: HandlerRegistry['data/clear'] = async () => {
      throw new Error('The disk is on fire');
    };
    const client = connect({ ...handlers, 'data/clear': failing });
    await expect(client.request('data/clear', {})).rejects.toThrow('The disk is on fire');
  });
});

describe('a worker that fails to load', () => {
  it('fails requests made after the failure at once, with a message that says to reload', async () => {
    let fail: ((event: ErrorEvent) => void) | null = null;
    const posted: unknown[] = [];
    const dead: WorkerLike = {
      postMessage: (message) => posted.push(message),
      addEventListener: (type: string, listener: (event: never) => void) => {
        if (type === 'error') fail = listener as (event: ErrorEvent) => void;
      },
    };
    const client = new LabClient(dead);
    fail!({ message: '' } as ErrorEvent);
    await expect(client.request('data/restore', {})).rejects.toThrow(
      /background worker failed.*Reload the page/,
    );
    expect(posted).toHaveLength(0);
  });
});

/** Fake workers for the restart tests: each start is recorded, with a way to make it answer or die. */
function fakeWorkers() {
  const started: { posted: unknown[]; terminated: boolean; answer(): void; die(reason: string): void }[] = [];
  const start: StartWorker = (died) => {
    let onMessage: ((event: MessageEvent) => void) | null = null;
    const entry = {
      posted: [] as unknown[],
      terminated: false,
      answer: () => onMessage?.({ data: { type: 'alive' } } as MessageEvent),
      die: died,
    };
    started.push(entry);
    return {
      postMessage: (message) => entry.posted.push(message),
      addEventListener: (type: string, listener: (event: never) => void) => {
        if (type === 'message') onMessage = listener as (event: MessageEvent) => void;
      },
      terminate: () => (entry.terminated = true),
    };
  };
  return { started, start };
}

describe('a worker that dies after it answered', () => {
  it('rejects the requests in flight as stopped, ends it and starts a fresh one that takes new requests', async () => {
    const { started, start } = fakeWorkers();
    const client = new LabClient(start);
    const restarts: string[] = [];
    client.onRestart((reason) => restarts.push(reason));
    started[0].answer();
    const inFlight = client.request('data/restore', {});
    started[0].die('it ran out of memory');
    await expect(inFlight).rejects.toBeInstanceOf(WorkerStoppedError);
    await expect(inFlight).rejects.toThrow("The lab's background worker stopped (it ran out of memory)");
    expect(started).toHaveLength(2);
    expect(started[0].terminated).toBe(true);
    expect(restarts).toEqual(['it ran out of memory']);
    void client.request('data/restore', {});
    expect(started[1].posted).toHaveLength(1);
    // the old worker's death, reported again (its lock freeing after terminate), changes nothing
    started[0].die('again');
    expect(started).toHaveLength(2);
  });

  it('is not restarted when it never answered (it failed to load), nor past the restart limit', async () => {
    const { started, start } = fakeWorkers();
    const client = new LabClient(start);
    started[0].die('the script could not load');
    expect(started).toHaveLength(1);
    await expect(client.request('data/restore', {})).rejects.toThrow(
      /background worker failed.*Reload the page/,
    );

    const looping = fakeWorkers();
    new LabClient(looping.start);
    for (let i = 0; i <= MAX_WORKER_RESTARTS; i++) {
      looping.started[i].answer();
      looping.started[i].die('crash');
    }
    expect(looping.started).toHaveLength(MAX_WORKER_RESTARTS + 1);
  });
});
