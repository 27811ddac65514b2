// Live evaluation as the analyst types: wait until edits pause, then run; a result that arrives after a newer run
// started is dropped, so the page never shows counts for rules that are no longer on screen.

export interface LatestRunnerOptions<T> {
  delayMs: number;
  /** starts one run (its result is used only if no newer run was scheduled meanwhile) */
  run: () => Promise<T>;
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
  /** drops the pending run and ignores the result of the one in flight */
  cancel(): void;
  /** true between schedule() and the end of the run it leads to */
  readonly busy: boolean;
}

export function createLatestRunner<T>(options: LatestRunnerOptions<T>): LatestRunner {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = 0;

  const start = (): void => {
    timer = null;
    const isLatest = options.begin();
    inFlight++;
    options.run().then(
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
      options.begin();
    },
    get busy() {
      return timer !== null || inFlight > 0;
    },
  };
}
