// A job worker, spawned by the lab worker for a sweep, a label audit or a group of repeats on several workers: the
// core's serveJobs over this worker's messages, training whole runs on the lab worker's backend (started as the lab
// worker starts it).

import { serveJobs, type JobReply, type JobRequest } from '../core/sweeps';
import { holdLifeLock, startLabBackend, subWorkerPort } from './host/subWorkers';

serveJobs(subWorkerPort<JobRequest, JobReply>(), startLabBackend('job sub-worker'));
holdLifeLock();
