// The flat summary `train --json` prints: final metrics, speed, backend, doctored-data and truth scores.

import type { BinaryMetrics, RunRecord } from '../core/runs';

const num = (x: number | null | undefined): number | null =>
  x === undefined || x === null || Number.isNaN(x) ? null : x;

function pick(m: BinaryMetrics | null | undefined) {
  return m
    ? { accuracy: num(m.accuracy), precision: num(m.precision), recall: num(m.recall), rocAuc: num(m.rocAuc) }
    : null;
}

export function summariseRecord(record: RunRecord, out: string) {
  const last = record.epochs[record.epochs.length - 1];
  const doctored = record.evaluation?.doctored ?? null;
  const truth = record.evaluation?.truth ?? null;
  return {
    model: record.kind,
    status: record.status,
    out,
    epochs: record.epochs.length,
    loss: last?.loss ?? null,
    accuracy: last?.accuracy ?? null,
    valLoss: last?.valLoss ?? null,
    valAccuracy: record.validation?.accuracy ?? last?.valAccuracy ?? null,
    valAuc: num(record.validation?.rocAuc),
    seconds: record.durationMs / 1000,
    samplesPerSec: last?.samplesPerSec ?? null,
    backend: record.backend,
    paramCount: record.paramCount,
    hyperparameters: record.hyperparameters,
    maskedRuleCategories: record.featureSpec.maskedCategories.length > 0,
    doctored: doctored && {
      untouched: pick(doctored.untouched),
      erasePurchases: pick(doctored.erasePurchases),
      eraseRuleCategories: pick(doctored.eraseRuleCategories),
      ruleReliance: num(doctored.ruleReliance),
      verdict: doctored.verdict,
    },
    truth: truth && {
      ...pick(truth.metrics),
      matched: truth.matched,
      missing: truth.missing,
      stages: Object.fromEntries(truth.byStage.map((s) => [s.stage, { users: s.users, tagRate: s.tagRate }])),
      unlabelledPositiveRecall: num(truth.unlabelledPositives.recall),
      ruleAgreement: num(truth.ruleAgreement.rate),
    },
  };
}
