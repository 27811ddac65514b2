// Public surface of the run record: the plain data a run leaves behind.

export * from './types';
export * from './workers';
