// Labelling rules: the public surface other parts of the app (editor, training, CLI) import from.

export * from './types';
export { evaluateRules, evaluateRulesCancellable, RULE_USERS_PER_PAUSE } from './evaluate';
export { parseRuleSet, DEMO_RULES } from './parseRules';
export {
  hierarchyPrefix,
  resolveCategoryNames,
  ruleCategoryIds,
  suggestCategoryNames,
  type ResolvedCategories,
} from './categories';
export {
  sampleLabelledUsers,
  splitTrainValidation,
  sampleMatchedUsers,
  type SampleOptions,
  type SplitOptions,
  type LabelledSample,
  type LabelledUsers,
} from './sampling';
export { userTimeline, userTopCategories, type TimelineMonth, type UserCategoryActivity } from './timeline';
export { buildCategoryTree, countEventsPerCategory, type CategoryTreeNode } from './categoryTree';
