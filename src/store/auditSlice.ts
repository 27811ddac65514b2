// The label audit's state: its settings (folds, leakage guard), the audit and the Elkan–Noto estimate the worker
// computed, the job running now with its fold progress and the controller that cancels it, and the messages.

import type { StateCreator } from 'zustand';
import type { AuditProgress, ElkanNotoView, LabelAuditView } from '../worker/protocol/auditMessages';
import type { LabState } from './index';

export const DEFAULT_AUDIT_FOLDS = 5;

export interface AuditRunning extends AuditProgress {
  /** aborting it cancels the job in the worker (before its next fold) */
  controller: AbortController;
}

export interface AuditSlice {
  auditSettings: { k: number; maskRuleCategories: boolean };
  labelAudit: LabelAuditView | null;
  elkanNoto: ElkanNotoView | null;
  /** what the results were computed on (the dataset's loadedAt and the rules as JSON), to say when they are stale */
  auditFor: { loadedAt: string; rules: string } | null;
  auditRunning: AuditRunning | null;
  auditError: string | null;
}

export const initialAuditState: AuditSlice = {
  auditSettings: { k: DEFAULT_AUDIT_FOLDS, maskRuleCategories: true },
  labelAudit: null,
  elkanNoto: null,
  auditFor: null,
  auditRunning: null,
  auditError: null,
};

export const createAuditSlice: StateCreator<LabState, [], [], AuditSlice> = () => ({
  ...initialAuditState,
});
