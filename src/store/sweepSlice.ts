// The Train screen's sweep: the values typed per hyperparameter, the sweep running now (progress, the points so far,
// the controller that cancels it) and the last outcome.

import type { StateCreator } from 'zustand';
import type { SweepParameter, SweepPointResult, SweepProgress } from '../core/sweeps';
import type { SweepOutcome } from '../worker/protocol/sweepMessages';
import type { LabState } from './index';

export interface SweepDraft {
  /** per parameter: `16,32` (values), `0.001:0.01` (a range, random mode), or empty (not swept) */
  values: Record<SweepParameter, string>;
  mode: 'grid' | 'random';
  samples: number;
  repeats: number;
}

export interface SweepRunning {
  progress: SweepProgress | null;
  /** point index → its summary so far */
  points: Record<number, SweepPointResult>;
  controller: AbortController;
}

export interface SweepSlice {
  sweepDraft: SweepDraft;
  sweepRunning: SweepRunning | null;
  sweepOutcome: SweepOutcome | null;
  sweepError: string | null;
}

export const initialSweepState: SweepSlice = {
  sweepDraft: {
    values: { hidden: '16,32', dropout: '0,0.3', l2: '', learningRate: '' },
    mode: 'grid',
    samples: 8,
    repeats: 1,
  },
  sweepRunning: null,
  sweepOutcome: null,
  sweepError: null,
};

export const createSweepSlice: StateCreator<LabState, [], [], SweepSlice> = () => ({ ...initialSweepState });
