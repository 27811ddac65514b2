// Does a bundle's feature spec fit the data about to be scored? Categories are matched by id, exactly as the
// feature builder maps them to columns; vocabulary categories absent from the data simply give zero inputs.

import type { EventStore } from '../events/types';
import type { FeatureSpec } from '../features/types';

/** Below this share of the vocabulary present in the data, scoring is refused: the data is not what the model knows. */
export const MIN_PRESENT_SHARE = 0.5;
const EXAMPLES = 5;

export interface SpecFit {
  ok: boolean;
  /** vocabulary category ids absent from the data (their inputs will be zero) */
  missingCategories: string[];
  /** share of the (unmasked) vocabulary present in the data, 0..1 */
  presentShare: number;
  /** categories of the data outside the vocabulary (summed into the "other" input, or ignored without it) */
  unknownCategories: number;
  message: string;
}

function describeExamples(ids: string[], spec: FeatureSpec): string {
  const nameOf = new Map(spec.vocabulary.map((id, i) => [id, spec.vocabularyNames[i]]));
  const shown = ids.slice(0, EXAMPLES).map((id) => {
    const name = nameOf.get(id);
    return name && name !== id ? `${id} (${name})` : id;
  });
  return shown.join(', ') + (ids.length > EXAMPLES ? ', …' : '');
}

function describeUnknown(count: number, spec: FeatureSpec): string {
  if (count === 0) return '';
  const where = spec.otherBucket ? 'are summed into the "other" input' : 'are ignored';
  return ` ${count.toLocaleString('en-US')} categories of the data are not in the vocabulary and ${where}.`;
}

/** Compares the spec's vocabulary with the data's categories and says what scoring will do about the difference. */
export function checkSpecFits(spec: FeatureSpec, store: EventStore): SpecFit {
  const inData = new Set(store.categoryIds);
  const inVocabulary = new Set(spec.vocabulary);
  const masked = new Set(spec.maskedCategories);
  // Masked categories feed nothing anyway, so whether the data has them does not matter.
  const relevant = spec.vocabulary.filter((id, i) => !masked.has(id) && !masked.has(spec.vocabularyNames[i]));
  const missingCategories = relevant.filter((id) => !inData.has(id));
  const presentShare =
    relevant.length === 0 ? 0 : (relevant.length - missingCategories.length) / relevant.length;
  const unknownCategories = store.categoryIds.filter((id) => !inVocabulary.has(id)).length;
  const total = relevant.length.toLocaleString('en-US');
  const unknown = describeUnknown(unknownCategories, spec);

  if (store.userIds.length === 0) {
    return {
      ok: false,
      missingCategories,
      presentShare,
      unknownCategories,
      message: 'The data holds no users to score.',
    };
  }
  if (relevant.length === 0 || presentShare < MIN_PRESENT_SHARE) {
    const pct = Math.round(presentShare * 100);
    const message =
      `Only ${pct}% of the ${total} categories the model was trained on are in this data (at least ` +
      `${MIN_PRESENT_SHARE * 100}% needed), so it does not look like the data the model knows. ` +
      `Missing, e.g.: ${describeExamples(missingCategories, spec).replace(/, …$/, ' and more')}. Load events with the same category ids.`;
    return { ok: false, missingCategories, presentShare, unknownCategories, message };
  }
  const message =
    missingCategories.length === 0
      ? `All ${total} categories of the model's vocabulary are in the data.${unknown}`
      : `${missingCategories.length.toLocaleString('en-US')} of the ${total} categories the model was trained on are ` +
        `absent from this data (${describeExamples(missingCategories, spec)}); their inputs are zero for every user.${unknown}`;
  return { ok: true, missingCategories, presentShare, unknownCategories, message };
}
