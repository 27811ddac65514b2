// Hyperparameter sweeps: a pure planner and a runner over the shared training loop.

export * from './plan';
export * from './runSweep';
