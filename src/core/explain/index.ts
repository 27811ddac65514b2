// Explanations: integrated gradients per user, grids with names and dates, and the population view.

export * from './integratedGradients';
export * from './contributions';
export * from './population';
export { integrateGradientsDense, logitOfLayersModel, type LogitFunction } from './denseIntegratedGradients';
