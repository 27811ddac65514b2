// A scoring sub-worker, spawned by the lab worker to score its chunk of the users on the Workers setting: the core's
// serveScorer over this worker's messages, on the lab worker's backend (started as the lab worker starts it).

import { serveScorer, type ScorerReply, type ScorerRequest } from '../core/runs';
import { holdLifeLock, startLabBackend, subWorkerPort } from './host/subWorkers';

serveScorer(subWorkerPort<ScorerRequest, ScorerReply>(), startLabBackend('sub-worker'));
holdLifeLock();
