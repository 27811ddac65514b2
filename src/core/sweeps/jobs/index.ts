// Public surface of sweep runs as independent jobs: the pool, its transports and the contract between them.

export * from './inProcessLink';
export * from './jobData';
export * from './jobPool';
export * from './messageLink';
export * from './runJob';
export * from './groupPool';
export type * from './types';
export * from './workerBudget';
