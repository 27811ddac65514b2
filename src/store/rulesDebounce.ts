// Live evaluation as the analyst types: wait until edits pause, then run; a result that arrives after a newer run
// started is dropped, so the page never shows counts for rules that are no longer on screen.

export interface LatestRunnerOptions<T> {
  delayMs: number;
  /** starts one run (its result is used only if no newer run was scheduled meanwhile) */
  run: () => Promise<T>;
  onResult: (value: T) => void;
  onError: (error: unknown) => void;
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
  let generation = 0;
  let inFlight = 0;

  const start = (): void => {
    timer = null;
    const mine = ++generation;
    inFlight++;
    options.run().then(
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
      generation++;
    },
    get busy() {
      return timer !== null || inFlight > 0;
    },
  };
}
