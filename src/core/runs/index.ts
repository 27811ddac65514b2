// Public surface of the runs module: the pipeline the worker and the CLI share (setup, experiment, scoring).

export * from './types';
export * from './setup';
export * from './experiment';
export * from './scoreBundle';
export * from './scoring';
