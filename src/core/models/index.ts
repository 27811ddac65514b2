// Public surface of the models module.

export * from './types';
export * from './hyperparameters';
export * from './build';
export * from './summary';
export * from './weightStats';
