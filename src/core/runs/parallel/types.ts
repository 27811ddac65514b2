// The contract between the scoring coordinator (the thread that holds the trained model and the whole store) and its
// scorers: what a scorer is told once (setup), what it is asked per piece (a range of its own users), and the
// transport-neutral link the coordinator talks through (in-process for tests, Web Workers in the page).

import type { EventStore } from '../../events/types';
import type { FeatureSpec } from '../../features/types';
import type { DoctorOptions } from '../../features';
import type { ModelKind } from '../../models/types';

/** Everything a scorer needs to score its chunk of users exactly as the coordinator would. */
export interface ScorerSetup {
  /** the coordinator's TF.js backend: scorers run the same one, so their scores round alike */
  backend: string;
  kind: ModelKind;
  spec: FeatureSpec;
  /** doctored inputs (erased purchases, clicks or categories), as the one-thread scoring was asked */
  doctor?: DoctorOptions;
  /** the trained model as exported files (model.json text and the weights' bytes) */
  modelJson: string;
  weights: Uint8Array;
  /** the chunk's users only (core/events sliceStoreUsers): user 0 here is the chunk's first user */
  store: EventStore;
}

/** Users [lo, hi), counted from the first user of the store the range refers to. */
export interface UserRange {
  lo: number;
  hi: number;
}

/** A scorer as the coordinator sees it, whatever carries the messages. Calls reject once the scorer is gone. */
export interface ScorerLink {
  start(setup: ScorerSetup): Promise<void>;
  /** one score per user of the range (chunk-local indices), in order */
  score(range: UserRange): Promise<Float32Array>;
  dispose(): void;
}
