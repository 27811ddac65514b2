// Public surface of the training module: the training loop, the fast and stock trainers, checkpoints.

export * from './trainModel';
export * from './trainers';
export * from './checkpoint';
export * from './checkpointFile';
export type * from './types';
export * from './parallel';
export type { FoldJob } from './crossValidate';
