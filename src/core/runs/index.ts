// Public surface of the runs module: the pipeline the worker and the CLI share (setup, experiment, scoring).

// The run record and the logs and metrics inside it, re-exported so callers of the pipeline need one import.
export type * from '../runRecord';
export { runWorkers } from '../runRecord';
export type { BatchLog, EpochLog } from '../training';
export type { BinaryMetrics } from '../evaluation';
export * from './setup';
export * from './experiment';
export * from './scoreBundle';
export * from './scoring';
export { StreamLineError, scoreFeatureStream } from './streamScore';
export type { StreamScoreOptions, StreamScoreSummary } from './streamScore';
export { runElkanNoto, runLabelAudit } from './audit';
export type { AuditOptions } from './audit';
export { summariseRunGroup } from './runGroup';
export type { RunGroupSummary } from './runGroup';
export * from './parallel';
