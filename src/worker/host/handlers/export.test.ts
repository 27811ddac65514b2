import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HYPERPARAMETERS } from '../../../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../../../core/runs';
import { DEMO_RULES } from '../../../core/labels';
import { demoCategoriesCsv, generateDemo, writeDemoEventsCsv } from '../../../core/synthetic';
import { command as scoreCommand } from '../../../cli/score';
import { createInProcessLab, type InProcessLab } from '../../inProcessClient';
import type { DownloadFile } from '../../protocol/exportMessages';

const USERS = 800;
const SEED = 11;
const dir = mkdtempSync(join(tmpdir(), 'tag-lab-export-'));
const labs: InProcessLab[] = [];

function openLab(): InProcessLab {
  const lab = createInProcessLab();
  labs.push(lab);
  return lab;
}

afterAll(() => {
  for (const lab of labs) lab.close();
  rmSync(dir, { recursive: true, force: true });
});

/** user_id → score of a scores CSV. */
function readScores(csv: string): Map<string, number> {
  const lines = csv.trim().split('\n');
  expect(lines[0]).toBe('user_id,score,tag,label_source');
  return new Map(
    lines.slice(1).map((line) => {
      const [id, score] = line.split(',');
      return [id, Number(score)];
    }),
  );
}

function expectSameScores(a: Map<string, number>, b: Map<string, number>): void {
  expect(a.size).toBe(b.size);
  let worst = 0;
  for (const [id, score] of a) worst = Math.max(worst, Math.abs(score - (b.get(id) ?? Infinity)));
  expect(worst).toBeLessThanOrEqual(1e-5);
}

const text = (file: DownloadFile) => new TextDecoder().decode(file.bytes);

describe('export handlers', () => {
  const trained = openLab();
  let bundle: DownloadFile;
  let pageScores: Map<string, number>;

  beforeAll(async () => {
    const { client } = trained;
    await client.request('data/demo', { users: USERS, seed: SEED });
    const record = await client.request('train/run', {
      runId: 'run-1',
      name: 'shallow #1',
      kind: 'shallow',
      hyperparameters: { ...DEFAULT_HYPERPARAMETERS.shallow, epochs: 2 },
      backend: 'cpu',
      setup: { rules: DEMO_RULES, sampling: DEFAULT_SAMPLING, features: DEFAULT_FEATURE_OPTIONS },
    });
    expect(record.status).toBe('done');
    [bundle] = await client.request('export/download', { runId: 'run-1', artifact: 'bundle' });
  });

  it('names the bundle after the run and its day and zips model, manifest and README', () => {
    expect(bundle.name).toMatch(/^tag-lab-shallow-1-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(bundle.type).toBe('application/zip');
    expect(Object.keys(unzipSync(new Uint8Array(bundle.bytes))).sort()).toEqual([
      'README.md',
      'model.json',
      'tag-lab.json',
      'weights.bin',
    ]);
  });

  it('hands over model.json and weights.bin as two files under the names model.json refers to', async () => {
    const files = await trained.client.request('export/download', {
      runId: 'run-1',
      artifact: 'model-files',
    });
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(text(files[0])) as { weightsManifest: { paths: string[] }[] };
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(files[1].bytes.byteLength).toBeGreaterThan(1000);
  });

  it('scores every user in the page and the CLI gives the same scores from the exported bundle', async () => {
    const outcome = await trained.client.request('export/score', {
      runId: 'run-1',
      threshold: 0.5,
      backend: 'cpu',
    });
    expect(outcome.users).toBe(USERS);
    expect(outcome.scores).toHaveLength(USERS);
    expect(outcome.top).toHaveLength(10);
    expect(outcome.top[0].score).toBeGreaterThanOrEqual(outcome.top[9].score);
    expect(outcome.fit).toMatchObject({ ok: true, sameData: true, missingCategories: 0 });
    const csv = await trained.client.request('export/scoresCsv', { runId: 'run-1', threshold: 0.5 });
    expect(csv.name).toMatch(/^tag-lab-shallow-1-scores-\d{4}-\d{2}-\d{2}\.csv$/);
    pageScores = readScores(text(csv));

    const bundleDir = join(dir, 'bundle');
    rmSync(bundleDir, { recursive: true, force: true });
    const entries = unzipSync(new Uint8Array(bundle.bytes));
    mkdirSync(bundleDir);
    for (const [name, data] of Object.entries(entries)) writeFileSync(join(bundleDir, name), data);
    const world = generateDemo({ users: USERS, seed: SEED });
    const chunks: string[] = [];
    writeDemoEventsCsv(world, (c) => chunks.push(c));
    writeFileSync(join(dir, 'events.csv'), chunks.join(''));
    writeFileSync(join(dir, 'categories.csv'), demoCategoriesCsv(world));
    const out = join(dir, 'cli-scores.csv');
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await scoreCommand.run([
        '--model',
        bundleDir,
        join(dir, 'events.csv'),
        join(dir, 'categories.csv'),
        '--out',
        out,
        '--backend',
        'cpu',
      ]);
    } finally {
      quiet.mockRestore();
    }
    expectSameScores(pageScores, readScores(readFileSync(out, 'utf8')));
  });

  it('a dropped bundle restores the run in a fresh page and scores the same data identically', async () => {
    const fresh = openLab();
    await fresh.client.request('data/demo', { users: USERS, seed: SEED });
    const restored = await fresh.client.request('export/import', {
      file: { name: bundle.name, blob: new Blob([bundle.bytes]) },
    });
    expect(restored.record.id).toBe('run-1');
    expect(restored.record.kind).toBe('shallow');
    expect(restored.record.validation?.n).toBeGreaterThan(0);
    expect(restored.fit).toMatchObject({ ok: true, sameData: true });
    await fresh.client.request('export/score', { runId: 'run-1', threshold: 0.5, backend: 'cpu' });
    const csv = await fresh.client.request('export/scoresCsv', { runId: 'run-1', threshold: 0.5 });
    expectSameScores(pageScores, readScores(text(csv)));

    const again = await fresh.client.request('export/import', {
      file: { name: bundle.name, blob: new Blob([bundle.bytes]) },
    });
    expect(again.record.id).toBe('run-1-restored-2');
    expect(again.record.name).toBe('shallow #1 (restored 2)');
  });

  it('a restored bundle keeps its validation users, so its comparison works like any other run', async () => {
    const manifest = JSON.parse(
      new TextDecoder().decode(unzipSync(new Uint8Array(bundle.bytes))['tag-lab.json']),
    );
    expect(manifest.validation.userIds.length).toBeGreaterThan(0);
    expect(manifest.validation.userIds[0]).toMatch(/^\d+$/);

    const fresh = openLab();
    await fresh.client.request('data/demo', { users: USERS, seed: SEED });
    await fresh.client.request('export/import', {
      file: { name: bundle.name, blob: new Blob([bundle.bytes]) },
    });
    const [here] = await fresh.client.request('compare/metrics', { runIds: ['run-1'], threshold: 0.5 });
    const [there] = await trained.client.request('compare/metrics', { runIds: ['run-1'], threshold: 0.5 });
    expect(here.metrics?.n).toBe(manifest.validation.userIds.length);
    expect(here.metrics).toEqual(there.metrics);

    // Beside the run it came from, in the page that trained it: paired on every validation user, no difference.
    const restored = await trained.client.request('export/import', {
      file: { name: bundle.name, blob: new Blob([bundle.bytes]) },
    });
    const [pair] = await trained.client.request('compare/paired', {
      runIds: ['run-1', restored.record.id],
      threshold: 0.5,
    });
    expect(pair.unavailable).toBeNull();
    expect(pair.sameUsers).toBe(true);
    expect(pair.sharedUsers).toBe(manifest.validation.userIds.length);
    expect(pair.comparison?.auc.difference.value).toBe(0);
  });

  it('an old bundle without validation users still restores, with its recorded metrics only', async () => {
    const files = unzipSync(new Uint8Array(bundle.bytes));
    const manifest = JSON.parse(new TextDecoder().decode(files['tag-lab.json']));
    delete manifest.validation;
    const old = zipSync({ ...files, 'tag-lab.json': strToU8(JSON.stringify(manifest)) });
    const fresh = openLab();
    await fresh.client.request('data/demo', { users: USERS, seed: SEED });
    const restored = await fresh.client.request('export/import', {
      file: { name: 'old.zip', blob: new Blob([old]) },
    });
    expect(restored.record.validation?.n).toBeGreaterThan(0);
    const [metrics] = await fresh.client.request('compare/metrics', { runIds: ['run-1'], threshold: 0.5 });
    expect(metrics.metrics?.n).toBe(0);
  });

  it('a corrupt zip is refused with the bundle error message', async () => {
    const fresh = openLab();
    const bytes = new Uint8Array(bundle.bytes.slice(0, 400));
    await expect(
      fresh.client.request('export/import', { file: { name: 'cut.zip', blob: new Blob([bytes]) } }),
    ).rejects.toThrow(/damaged or incomplete/);
    await expect(
      fresh.client.request('export/import', { file: { name: 'notes.zip', blob: new Blob(['hello']) } }),
    ).rejects.toThrow('This file is not a zip archive. Drop the bundle .zip that Tag Lab exported.');
  });

  it('a bundle whose categories are missing from the data restores but refuses to score, saying why', async () => {
    const other = openLab();
    const csv = 'user_id,category,time,action\nu1,c1,2024-01-02,buy\nu2,c2,2024-01-03,pv\n';
    await other.client.request('data/import', {
      files: [{ name: 'other.csv', blob: new Blob([csv]), mapping: null }],
    });
    const restored = await other.client.request('export/import', {
      file: { name: bundle.name, blob: new Blob([bundle.bytes]) },
    });
    expect(restored.fit?.ok).toBe(false);
    expect(restored.fit?.sameData).toBe(false);
    expect(restored.fit?.message).toMatch(
      /^Only 0% of the .* categories the model was trained on are in this data/,
    );
    await expect(
      other.client.request('export/score', { runId: 'run-1', threshold: 0.5, backend: 'cpu' }),
    ).rejects.toThrow(/Load events with the same category ids/);
  });

  it('asking for the CSV before scoring, or of an unknown run, says what to do', async () => {
    const fresh = openLab();
    await expect(fresh.client.request('export/scoresCsv', { runId: 'x', threshold: 0.5 })).rejects.toThrow(
      /has not scored the dataset yet/,
    );
    await expect(fresh.client.request('export/download', { runId: 'x', artifact: 'bundle' })).rejects.toThrow(
      /drop its bundle zip here to restore it/,
    );
  });
});
