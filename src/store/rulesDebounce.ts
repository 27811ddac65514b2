// Live evaluation as the analyst types: wait until edits pause, then run; a newer edit aborts the run in flight (the
// worker stops evaluating rules no longer on screen) and any result that still arrives after it is dropped.

export interface LatestRunnerOptions<T> {
  delayMs: number;
  /** starts one run; `signal` aborts once a newer run is scheduled (its result is never used then) */
  run: (signal: AbortSignal) => Promise<T>;
  onResult: (value: T) => void;
  onError: (error: unknown) => void;
  /**
   * Marks a new run (or a newer edit) as the newest and returns the check that it still is: the store passes its
   * beginLatest, so "latest wins" has one implementation and a store reset drops answers still in flight.
   */
  begin: () => () => boolean;
}

export interface LatestRunner {
  /** (re)starts the quiet period; the run happens once no call came for `delayMs` */
  schedule(): void;
  /** runs now, dropping a pending quiet period */
  runNow(): void;
  /** drops the pending run and aborts the one in flight */
  cancel(): void;
  /** true between schedule() and the end of the run it leads to */
  readonly busy: boolean;
}

export function createLatestRunner<T>(options: LatestRunnerOptions<T>): LatestRunner {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = 0;
  let running: AbortController | null = null;

  /** A newer edit makes the run in flight pointless: stop it in the worker instead of waiting for it. */
  const abortRunning = (): void => {
    running?.abort();
    running = null;
  };

  const start = (): void => {
    timer = null;
    abortRunning();
    const isLatest = options.begin();
    inFlight++;
    const controller = (running = new AbortController());
    options.run(controller.signal).then(
      (value) => {
        inFlight--;
        if (isLatest()) options.onResult(value);
      },
      (error: unknown) => {
        inFlight--;
        if (isLatest()) options.onError(error);
      },
    );
  };

  return {
    schedule() {
      if (timer !== null) clearTimeout(timer);
      abortRunning();
      options.begin();
      timer = setTimeout(start, options.delayMs);
    },
    runNow() {
      if (timer !== null) clearTimeout(timer);
      start();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      abortRunning();
      options.begin();
    },
    get busy() {
      return timer !== null || inFlight > 0;
    },
  };
}
