// Public surface of data-parallel training: the coordinator (a Trainer), its replicas and their transports.

export * from './coordinator';
export * from './inProcessLink';
export * from './messageLink';
export * from './replica';
export * from './shardBatch';
export * from './workerCount';
export type * from './types';
