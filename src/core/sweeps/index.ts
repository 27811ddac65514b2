// Hyperparameter sweeps: a pure planner, a runner over the shared training loop, and its runs as jobs on workers.

export * from './plan';
export * from './runSweep';
export * from './sweepRun';
export * from './jobs';
