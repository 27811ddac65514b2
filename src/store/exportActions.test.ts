import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../core/labels';
import { DEFAULT_HYPERPARAMETERS } from '../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../core/runs';
import type { DownloadFile } from '../worker/protocol/exportMessages';
import { createInProcessLab, type InProcessLab } from '../worker/inProcessClient';
import {
  cancelScoring,
  downloadArtifact,
  downloadScoresCsv,
  importBundleFiles,
  pickExportRun,
  scoreDataset,
  setThreshold,
} from './exportActions';
import { summariseAtThreshold } from './exportSummary';
import { resetLabStore, useLab } from './index';

const labs: InProcessLab[] = [];
let bundle: File;

async function openLabWithDemo(): Promise<InProcessLab> {
  const lab = createInProcessLab();
  labs.push(lab);
  const dataset = await lab.client.request('data/demo', { users: 400, seed: 5 });
  useLab.setState({ dataset, dataStatus: 'ready' });
  return lab;
}

beforeAll(async () => {
  resetLabStore();
  const lab = await openLabWithDemo();
  await lab.client.request('train/run', {
    runId: 'r1',
    name: 'shallow #1',
    kind: 'shallow',
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS.shallow, epochs: 1 },
    backend: 'cpu',
    setup: { rules: DEMO_RULES, sampling: DEFAULT_SAMPLING, features: DEFAULT_FEATURE_OPTIONS },
  });
  const saved: DownloadFile[] = [];
  await downloadArtifact('r1', 'bundle', (f) => saved.push(f), lab.client);
  expect(useLab.getState().downloadError).toBeNull();
  bundle = new File([saved[0].bytes], saved[0].name);
});
beforeEach(() => resetLabStore());
afterAll(() => labs.forEach((lab) => lab.close()));

describe('export actions', () => {
  it('a dropped bundle joins the runs list, becomes the chosen run and remembers its file', async () => {
    const lab = await openLabWithDemo();
    await importBundleFiles([bundle], lab.client);
    const state = useLab.getState();
    expect(state.importError).toBeNull();
    expect(state.runs.map((r) => r.id)).toEqual(['r1']);
    expect(pickExportRun(state)?.name).toBe('shallow #1');
    expect(state.restored.r1).toMatchObject({ fileName: bundle.name, fit: { ok: true, sameData: true } });
  });

  it('scores the dataset, re-tags at a new threshold without scoring again, and saves the CSV at that threshold', async () => {
    const lab = await openLabWithDemo();
    await importBundleFiles([bundle], lab.client);
    await scoreDataset('r1', lab.client);
    const { scored, scoreError } = useLab.getState();
    expect(scoreError).toBeNull();
    expect(scored?.users).toBe(400);
    expect(scored?.top).toHaveLength(10);
    const index = scored!.index;
    setThreshold(0.9);
    expect(useLab.getState().scored?.index).toBe(index);
    const strict = summariseAtThreshold(index, 0.9).tagged;
    const saved: DownloadFile[] = [];
    await downloadScoresCsv((f) => saved.push(f), lab.client);
    const rows = new TextDecoder().decode(saved[0].bytes).trim().split('\n').slice(1);
    expect(rows).toHaveLength(400);
    expect(rows.filter((r) => r.split(',')[2] === '1')).toHaveLength(strict);
    setThreshold(7);
    expect(useLab.getState().threshold).toBe(1);
  });

  it('a file that is not a bundle, or two zips at once, leave a clear message and no run', async () => {
    const lab = await openLabWithDemo();
    await importBundleFiles([new File(['user_id,score\n'], 'scores.zip')], lab.client);
    expect(useLab.getState().importError).toEqual({
      fileName: 'scores.zip',
      message: 'This file is not a zip archive. Drop the bundle .zip that Tag Lab exported.',
    });
    await importBundleFiles([bundle, bundle], lab.client);
    expect(useLab.getState().importError?.message).toBe('Drop one bundle zip at a time.');
    expect(useLab.getState().runs).toEqual([]);
  });

  it('a run saved in this browser exports and scores after a reload, its model loaded back from storage', async () => {
    const lab = await openLabWithDemo();
    const { runs } = await lab.client.request('compare/restore', {});
    expect(runs.map((r) => r.id)).toContain('r1');
    const saved: DownloadFile[] = [];
    await downloadArtifact('r1', 'model-zip', (f) => saved.push(f), lab.client);
    expect(saved[0].name).toMatch(/^tag-lab-shallow-1-\d{4}-\d{2}-\d{2}-model\.zip$/);
    await scoreDataset('r1', lab.client);
    expect(useLab.getState().scored?.users).toBe(400);
  });

  it('Cancel stops a scoring in the worker and keeps the scores from before', async () => {
    const lab = await openLabWithDemo();
    await importBundleFiles([bundle], lab.client);
    await scoreDataset('r1', lab.client);
    const before = useLab.getState().scored;
    expect(before?.users).toBe(400);
    const again = scoreDataset('r1', lab.client);
    expect(useLab.getState().scoring?.runId).toBe('r1');
    cancelScoring();
    await again;
    const state = useLab.getState();
    expect(state.scoring).toBeNull();
    expect(state.scored).toBe(before);
    expect(state.scoreError).toBeNull();
    expect(state.scoreNotice).toBe('Scoring cancelled. The scores shown before are kept.');
  });

  it('scoring without a dataset asks for one', async () => {
    await scoreDataset('r1', labs[0].client);
    expect(useLab.getState().scoreError).toBe('Load a dataset on the Data screen first.');
  });
});
