// The demo world generator's public surface: generateDemo, its CSV writers, the stages and the catalogue names.

export type { DemoOptions, DemoTimeline, DemoWorld } from './generate';
export { DEMO_DEFAULT_AS_OF, DEMO_DEFAULT_MONTHS, generateDemo, generateDemoCancellable } from './generate';
export {
  DEMO_CATEGORIES_HEADER,
  DEMO_EVENTS_HEADER,
  DEMO_TRUTH_HEADER,
  demoCategoriesCsv,
  demoTruthCsv,
  writeDemoEventsCsv,
} from './csv';
export type { DemoStage } from './population';
export { DEMO_STAGES, NO_DAY, STAGE_SHARES } from './population';
export type { CategoryGroup, DemoCategory } from './catalogue';
export { PRESET_NEGATIVE_CATEGORIES, PRESET_POSITIVE_CATEGORIES } from './catalogue';
