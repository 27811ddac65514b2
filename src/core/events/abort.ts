// Cancellation of long core work (import, demo generation, scoring, rule evaluation, explanations): one error shape
// the page can tell apart from real failures, and the pause a loop takes between chunks so a worker reads its
// messages (a Cancel posted while the loop runs is only seen once the loop gives the event loop a turn).

/** True for the error an aborted job rejects with (and for any other AbortError). */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

export function createAbortError(message = 'The import was cancelled.'): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}

export function throwIfAborted(signal: AbortSignal | undefined, message?: string): void {
  if (signal?.aborted) throw createAbortError(message);
}

/** What a cancellable core loop takes: the signal it checks between chunks, and how it gives way meanwhile. */
export interface CancelHooks {
  signal?: AbortSignal;
  /** awaited between chunks; by default a macrotask turn (setTimeout 0), which lets a worker read a Cancel */
  yieldEvery?: () => Promise<void>;
}

/** One turn of the event loop: microtasks (await on a resolved promise) never let a message event through. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Between two chunks of work: give way, then stop with an AbortError if the job was cancelled meanwhile. */
export async function pauseBetweenChunks(hooks: CancelHooks, message: string): Promise<void> {
  throwIfAborted(hooks.signal, message);
  await (hooks.yieldEvery ?? yieldToEventLoop)();
  throwIfAborted(hooks.signal, message);
}

/**
 * A clock for loops whose steps are small and uneven (a user of the demo world): `due()` is true once `sliceMs` of
 * work has passed since the last pause, so the loop pauses a few times a second whatever the machine's speed.
 */
export function createSliceClock(sliceMs = 50): { due(): boolean; reset(): void } {
  let last = performance.now();
  return {
    due: () => performance.now() - last >= sliceMs,
    reset: () => {
      last = performance.now();
    },
  };
}
