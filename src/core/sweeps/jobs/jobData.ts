// The data a job worker is sent once, and how a job becomes trainable again on the worker: its own batch builder
// over the store it was sent, built from the same spec, so its batches are the caller's batches.

import type { EventStore } from '../../events/types';
import { createBatchBuilder } from '../../features';
import type { FeatureSpec } from '../../features/types';
import type { ModelKind } from '../../models/types';
import type { PreparedData } from '../../runs/setup';
import type { FoldModel } from '../../training/crossValidate';
import type { TrainingImpl } from '../../training/trainers';
import type { SweepData } from '../sweepRun';
import type { JobSetup } from './types';

interface SetupBase {
  store: EventStore;
  kind: ModelKind;
  backend: string;
  impl?: TrainingImpl;
}

/** A sweep's workers: the store and the shared split (`prepared` absent: audit folds only). */
export function createJobSetup(o: SetupBase & { prepared?: PreparedData }): JobSetup {
  const { prepared } = o;
  return {
    backend: o.backend,
    kind: o.kind,
    impl: o.impl,
    store: o.store,
    sweep: prepared && {
      spec: prepared.spec,
      train: prepared.train,
      validation: prepared.validation,
      classWeights: prepared.classWeights,
    },
  };
}

export function sweepDataFrom(setup: JobSetup): SweepData {
  if (!setup.sweep) throw new Error('The job worker was started without a sweep split.');
  return {
    spec: setup.sweep.spec,
    builder: createBatchBuilder(setup.store, setup.sweep.spec),
    train: setup.sweep.train,
    validation: setup.sweep.validation,
    classWeights: setup.sweep.classWeights,
  };
}

/** How a fold job trains on this worker: a builder over the store for the fold's spec. */
export function foldModelFrom(setup: JobSetup, spec: FeatureSpec): FoldModel {
  const builder = createBatchBuilder(setup.store, spec);
  return {
    kind: setup.kind,
    impl: setup.impl,
    buildBatch: (users, labels) => builder.build(users, labels),
    width: builder.width,
    months: spec.months,
    days: spec.days,
  };
}
