// The data a job worker is sent once, and how it becomes the sweep's data again on the worker: its own batch
// builder over the store it was sent, built from the same spec, so its batches are the sweep's batches.

import type { EventStore } from '../../events/types';
import { createBatchBuilder } from '../../features';
import type { ModelKind } from '../../models/types';
import type { PreparedData } from '../../runs/setup';
import type { TrainingImpl } from '../../training/trainers';
import type { SweepData } from '../sweepRun';
import type { JobSetup } from './types';

export function createJobSetup(o: {
  store: EventStore;
  prepared: PreparedData;
  kind: ModelKind;
  backend: string;
  impl?: TrainingImpl;
}): JobSetup {
  return {
    backend: o.backend,
    kind: o.kind,
    impl: o.impl,
    store: o.store,
    spec: o.prepared.spec,
    train: o.prepared.train,
    validation: o.prepared.validation,
  };
}

export function sweepDataFrom(setup: JobSetup): SweepData {
  return {
    spec: setup.spec,
    builder: createBatchBuilder(setup.store, setup.spec),
    train: setup.train,
    validation: setup.validation,
  };
}
