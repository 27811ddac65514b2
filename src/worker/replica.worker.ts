// A data-parallel training replica, spawned by the lab worker for a run on several workers: the core's
// serveReplica over this worker's messages, on the lab worker's backend (started as the lab worker starts it).

import { serveReplica, type ReplicaReply, type ReplicaRequest } from '../core/training';
import { holdLifeLock, startLabBackend, subWorkerPort } from './host/subWorkers';

serveReplica(subWorkerPort<ReplicaRequest, ReplicaReply>(), startLabBackend('sub-worker'));
holdLifeLock();
