// The typed message protocol between the page and the lab worker.
// Every request kind maps to its params and result; every event kind to its payload. The message unions below are
// derived from these maps, so adding a kind is one entry here plus one handler in ./handlers (the compiler insists).

import type { AuditEvents, AuditRequests } from './auditMessages';
import type { CompareEvents, CompareRequests } from './compareMessages';
import type { DataEvents, DataRequests } from './dataMessages';
import type { ExplainEvents, ExplainRequests } from './explainMessages';
import type { ExportEvents, ExportRequests } from './exportMessages';
import type { RulesEvents, RulesRequests } from './rulesMessages';
import type { SweepEvents, SweepRequests } from './sweepMessages';
import type { TrainEvents, TrainRequests } from './trainMessages';
import type { WeightsRequests } from './weightsMessages';

/**
 * Request kinds: `kind → { params; result }`. Add a new area as its own interface (e.g. `RulesRequests`) in its own
 * file and intersect it here.
 */
export type LabRequests = DataRequests &
  RulesRequests &
  TrainRequests &
  ExportRequests &
  CompareRequests &
  WeightsRequests &
  ExplainRequests &
  SweepRequests &
  AuditRequests;

/** Event kinds the worker pushes: `kind → payload`. Events carry the id of the request they belong to, if any. */
export type LabEvents = DataEvents &
  RulesEvents &
  TrainEvents &
  ExportEvents &
  CompareEvents &
  ExplainEvents &
  SweepEvents &
  AuditEvents;

export type RequestKind = keyof LabRequests;
export type EventKind = keyof LabEvents;
export type ParamsOf<K extends RequestKind> = LabRequests[K]['params'];
export type ResultOf<K extends RequestKind> = LabRequests[K]['result'];

/** page → worker */
export type RequestMessage = {
  [K in RequestKind]: { type: 'request'; id: number; kind: K; params: ParamsOf<K> };
}[RequestKind];
export interface CancelMessage {
  type: 'cancel';
  id: number;
}
export type ToWorker = RequestMessage | CancelMessage;

/** worker → page */
export type EventMessage = {
  [K in EventKind]: { type: 'event'; kind: K; requestId: number | null; payload: LabEvents[K] };
}[EventKind];
export interface ResultMessage {
  type: 'result';
  id: number;
  result: unknown;
}
export interface ErrorMessage {
  type: 'error';
  id: number;
  error: WorkerErrorInfo;
}
/** sent once the worker holds its life lock (see worker/client): from then on the page can tell when it dies */
export interface AliveMessage {
  type: 'alive';
}
export type FromWorker = ResultMessage | ErrorMessage | EventMessage | AliveMessage;

/** An error as it crosses the boundary: plain data, with the name kept so cancellation can be told apart. */
export interface WorkerErrorInfo {
  name: string;
  message: string;
}

export const ABORT_ERROR_NAME = 'AbortError';
