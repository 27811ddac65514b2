// Public surface of scoring on several workers: the coordinator (a StoreScorer), its scorers and their transports.

export * from './coordinator';
export * from './inProcessLink';
export * from './messageLink';
export * from './scorer';
export * from './storeChunk';
export type * from './types';
