// How the Export screen names and colours the label sources (the CSV keeps the machine names).

import type { LabelSource } from '../../core/bundle';

export const SOURCE_LABELS: Record<LabelSource, string> = {
  'rule-positive': 'rule positive',
  'rule-negative': 'rule negative',
  'rule-conflict': 'conflict',
  unlabelled: 'unlabelled',
};

export const SOURCE_COLOURS: Record<LabelSource, string> = {
  'rule-positive': '#1f6feb',
  'rule-negative': '#d4820f',
  'rule-conflict': '#8250df',
  unlabelled: '#9aa5b1',
};
