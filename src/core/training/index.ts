// Public surface of the training module: the training loop and the fast and stock trainers.

export * from './trainModel';
export * from './trainers';
export type * from './types';
export * from './parallel';
