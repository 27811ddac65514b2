// How many data-parallel workers a run uses when nobody says: every core but one (left to the page or the
// system), at most 8 (past that, the summing and messaging outgrow the gain on models of this size).

export const MAX_TRAIN_WORKERS = 8;

/** cores − 1, between 1 and MAX_TRAIN_WORKERS; `cores` is navigator.hardwareConcurrency or os.availableParallelism. */
export function defaultTrainWorkers(cores: number): number {
  return Math.max(1, Math.min(MAX_TRAIN_WORKERS, Math.floor(cores) - 1));
}

/** The problem with a requested worker count, or null when it can be used. */
export function checkTrainWorkers(workers: number): string | null {
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_TRAIN_WORKERS)
    return `workers must be a whole number from 1 to ${MAX_TRAIN_WORKERS}, got ${workers}`;
  return null;
}
