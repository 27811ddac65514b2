// The registry the worker dispatches on. Each area exports its handlers; add a new area with one spread line.

import { auditHandlers } from './audit';
import { compareHandlers } from './compare';
import { dataHandlers } from './data';
import { explainHandlers } from './explain';
import { exportHandlers } from './export';
import { exportScoreHandlers } from './exportScore';
import { rulesHandlers } from './rules';
import { sweepHandlers } from './sweep';
import { trainHandlers } from './train';
import type { HandlerRegistry } from './types';
import { weightsHandlers } from './weights';

export const handlers: HandlerRegistry = {
  ...dataHandlers,
  ...rulesHandlers,
  ...trainHandlers,
  ...compareHandlers,
  ...exportHandlers,
  ...exportScoreHandlers,
  ...weightsHandlers,
  ...explainHandlers,
  ...sweepHandlers,
  ...auditHandlers,
};
