import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS } from '../core/models';
import {
  changeHyperparameters,
  defaultTrainSettings,
  describeKeyHyperparameters,
  formatL2,
  l2FromSlider,
  L2_SLIDER_MAX,
  readTrainSettings,
  sliderFromL2,
} from './trainSettings';

describe('L2 log slider', () => {
  it('maps the ends to off, 1e-6 and 1e-1', () => {
    expect(l2FromSlider(0)).toBe(0);
    expect(l2FromSlider(1)).toBe(1e-6);
    expect(l2FromSlider(L2_SLIDER_MAX)).toBe(0.1);
    expect(l2FromSlider(9)).toBe(1e-4);
  });

  it('round-trips every position and snaps values between steps to the nearest', () => {
    for (let p = 0; p <= L2_SLIDER_MAX; p++) expect(sliderFromL2(l2FromSlider(p))).toBe(p);
    expect(sliderFromL2(1.1e-4)).toBe(9);
    expect(sliderFromL2(5)).toBe(L2_SLIDER_MAX);
    expect(sliderFromL2(1e-9)).toBe(1);
  });

  it('shows the value in short scientific notation', () => {
    expect(formatL2(1e-4)).toBe('1e-4');
    expect(formatL2(l2FromSlider(10))).toBe('1.8e-4');
    expect(formatL2(0)).toBe('off');
  });
});

describe('train settings', () => {
  it('changes model settings for the chosen kind only and training settings for every kind', () => {
    const s = changeHyperparameters({ ...defaultTrainSettings(), kind: 'lstm' }, { hidden: 16, epochs: 2 });
    expect(s.byKind.lstm.hidden).toBe(16);
    expect(s.byKind.shallow.hidden).toBe(DEFAULT_HYPERPARAMETERS.shallow.hidden);
    expect([s.byKind.shallow.epochs, s.byKind.lstm.epochs, s.byKind.dual.epochs]).toEqual([2, 2, 2]);
  });

  it('survives a save and load, and replaces unusable saved values by defaults one by one', () => {
    const s = changeHyperparameters(
      { ...defaultTrainSettings(), kind: 'dual', backend: 'wasm' },
      { dropout: 0.5 },
    );
    expect(readTrainSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
    const broken = {
      kind: 'cnn',
      backend: 'tpu',
      byKind: { lstm: { hidden: -3, dropout: 0.3 } },
    };
    const loaded = readTrainSettings(broken);
    expect(loaded.kind).toBe('shallow');
    expect(loaded.backend).toBe('webgl');
    expect(loaded.byKind.lstm.hidden).toBe(DEFAULT_HYPERPARAMETERS.lstm.hidden);
    expect(loaded.byKind.lstm.dropout).toBe(0.3);
    expect(readTrainSettings('{not json')).toEqual(defaultTrainSettings());
  });

  it('defaults the workers to the cores less one (at most 8) and keeps a saved count only when usable', () => {
    expect([1, 2, 4, 16].map((cores) => defaultTrainSettings(cores).workers)).toEqual([1, 1, 3, 8]);
    expect(readTrainSettings({ ...defaultTrainSettings(2), workers: 3 }, 2).workers).toBe(3);
    for (const workers of [0, 9, 2.5, '4']) expect(readTrainSettings({ workers }, 4).workers).toBe(3);
  });

  it('describes the key hyperparameters of a run in one line', () => {
    expect(describeKeyHyperparameters('dual', { ...DEFAULT_HYPERPARAMETERS.dual, epochs: 2 })).toBe(
      'hidden 32 · fc 32 · dropout 0.2 · L2 1e-4 · lr 0.005 · batch 64 · 2 epochs',
    );
  });
});
