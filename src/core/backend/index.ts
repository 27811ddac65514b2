// Public surface of the backend module: starting a TF.js backend and describing it.

export * from './initBackend';
