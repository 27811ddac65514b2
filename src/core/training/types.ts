// What the training loop reports: one line per epoch and a thinned per-batch trace.

export interface EpochLog {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** seconds since the run started */
  elapsed: number;
  samplesPerSec: number;
}

export interface BatchLog {
  epoch: number;
  batch: number;
  loss: number;
  accuracy: number;
}
