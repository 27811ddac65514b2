// The event import's public surface: what the page, the worker and the CLI call.

export * from './types';
export type * from './importTypes';
export { EventStoreBuilder } from './storeBuilder';
export { sourceFromBlob, sourceFromText, sourceFromBytes } from './source';
export { sniffSource, SNIFF_BYTES } from './sniff';
export { importDataset } from './importDataset';
export { appendToDataset, builderFromStore, LOADED_DATASET, type LoadedDataset } from './appendDataset';
export { summariseStore } from './summary';
export { sliceStoreUsers } from './sliceUsers';
export {
  createAbortError,
  createSliceClock,
  isAbortError,
  pauseBetweenChunks,
  throwIfAborted,
  yieldToEventLoop,
  type CancelHooks,
} from './abort';
export { proposeAction, PURCHASE_ALIASES, CLICK_ALIASES } from './actions';
export { parseTimeToDay, TIME_FORMAT_LABELS } from './timeFormats';
export { detectTimeFormat, detectTimeColumn, decideDateOrder } from './timeColumn';
export { FIELD_EXPECTED } from './columns';
export {
  describeTooBig,
  estimateFileEvents,
  estimateImportMemory,
  memoryBudget,
  type MemoryBudget,
  type MemoryEstimate,
  type MemorySignals,
} from './memoryEstimate';
export { findCategoryColumns } from './sniffHeader';
