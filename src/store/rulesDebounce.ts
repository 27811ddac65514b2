// Live evaluation as the analyst types: wait until edits pause, then run; a newer edit aborts the run in flight (the
// worker stops evaluating rules no longer on screen) and any result that still arrives after it is dropped.

export interface LatestRunnerOptions<T> {
  delayMs: number;
  /** starts one run; `signal` aborts once a newer run is scheduled (its result is never used then) */
  run: (signal: AbortSignal) => Promise<T>;
  onResult: (value: T) => void;
  onError: (error: unknown) => void;
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
  let generation = 0;
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
    const mine = ++generation;
    inFlight++;
    const controller = (running = new AbortController());
    options.run(controller.signal).then(
      (value) => {
        inFlight--;
        if (mine === generation) options.onResult(value);
      },
      (error: unknown) => {
        inFlight--;
        if (mine === generation) options.onError(error);
      },
    );
  };

  return {
    schedule() {
      if (timer !== null) clearTimeout(timer);
      abortRunning();
      generation++;
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
      generation++;
    },
    get busy() {
      return timer !== null || inFlight > 0;
    },
  };
}
