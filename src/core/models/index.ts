// Public surface of the models module.

export * from './types';
export * from './defaults';
export * from './build';
export * from './summary';
