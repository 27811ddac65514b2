import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessLab, type InProcessLab } from '../worker/inProcessClient';
import {
  addFiles,
  cancelDropChoice,
  chooseDropMode,
  clearData,
  confirmMapping,
  dismissTooBig,
  excludeFromImport,
  importTooBigAnyway,
  loadDemo,
  restoreDataset,
  updateMappingDraft,
} from './dataActions';
import { resetLabStore, useLab } from './index';

function fixture(name: string): File {
  return new File([readFileSync(`e2e/fixtures/${name}`)], name);
}

let lab: InProcessLab;

beforeEach(() => {
  resetLabStore();
  lab = createInProcessLab();
});
afterEach(() => lab.close());

describe('data actions', () => {
  it('import recognised files straight away and put the report in the store', async () => {
    await addFiles([fixture('purchases.csv'), fixture('clicks.csv')], lab.client);
    const state = useLab.getState();
    expect(state.dataStatus).toBe('ready');
    expect(state.dataset?.report.events).toBe(405);
    expect(state.dataset?.report.users).toBe(30);
    expect(state.fileList.map((f) => f.name)).toEqual(['purchases.csv', 'clicks.csv']);
  });

  it('stop at the mapping step for an unrecognised layout and import with the chosen mapping', async () => {
    await addFiles([fixture('unmapped.csv'), fixture('broken-no-time.csv')], lab.client);
    expect(useLab.getState().dataStatus).toBe('mapping');
    expect(Object.keys(useLab.getState().mapping!.drafts)).toEqual(['0', '1']);
    expect(useLab.getState().mapping!.drafts[1].time).toBeNull();
    updateMappingDraft(0, { actionMap: { click: 'skip' } });
    excludeFromImport(1);
    await confirmMapping(lab.client);
    const state = useLab.getState();
    expect(state.dataStatus).toBe('ready');
    expect(state.dataset?.report.events).toBe(23);
    expect(state.dataset?.report.files.map((f) => f.name)).toEqual(['unmapped.csv']);
  });

  it('hold a drop too big for the tab before parsing it, point to the CLI, keep the dataset, import it on request', async () => {
    await addFiles([fixture('purchases.csv')], lab.client);
    const events = useLab.getState().dataset?.report.events;
    // Chromium's heap limit, as a tab with almost no memory to spare would report it.
    Object.defineProperty(performance, 'memory', { value: { jsHeapSizeLimit: 4_000 }, configurable: true });
    try {
      await addFiles([fixture('clicks.csv')], lab.client);
      await chooseDropMode('add', lab.client);
    } finally {
      delete (performance as { memory?: unknown }).memory;
    }
    const held = useLab.getState();
    expect(held.dataStatus).toBe('ready');
    expect(held.tooBig?.message).toMatch(
      /^These files hold about \d+ events: importing them needs about \d+ KB/,
    );
    expect(held.tooBig?.message).toContain('this tab can spend about 2 KB (heap limit)');
    expect(held.tooBig?.message).toContain('npm run cli -- inspect FILE...');
    expect(held.dataset?.report.events).toBe(events);
    expect(held.dataset?.report.files.map((f) => f.name)).toEqual(['purchases.csv']);

    // The estimate may be wrong: the analyst can import the held files all the same.
    await importTooBigAnyway(lab.client);
    const added = useLab.getState();
    expect(added.tooBig).toBeNull();
    expect(added.dataset?.report.events).toBe(405);
  });

  it('leave a drop too big for the tab when the analyst says so, with the dataset unchanged', async () => {
    Object.defineProperty(performance, 'memory', { value: { jsHeapSizeLimit: 4_000 }, configurable: true });
    try {
      await addFiles([fixture('purchases.csv')], lab.client);
    } finally {
      delete (performance as { memory?: unknown }).memory;
    }
    expect(useLab.getState().tooBig?.files.map((f) => f.name)).toEqual(['purchases.csv']);
    dismissTooBig();
    expect(useLab.getState()).toMatchObject({
      tooBig: null,
      dataset: null,
      dataNotice: 'Nothing was imported. The dataset is unchanged.',
    });
  });

  it('report a drop with nothing usable as an error and keep the dataset loaded before', async () => {
    await addFiles([fixture('purchases.csv')], lab.client);
    await addFiles([fixture('broken-empty.csv')], lab.client);
    await chooseDropMode('replace', lab.client);
    const state = useLab.getState();
    expect(state.dataStatus).toBe('error');
    expect(state.failedReport?.files[0].error).toMatch(/empty/);
    expect(state.dataset?.report.events).toBe(196);
  });

  it('restore nothing after Clear data', async () => {
    await addFiles([fixture('purchases.csv')], lab.client);
    await clearData(lab.client);
    expect(useLab.getState().dataset).toBeNull();
    await restoreDataset(lab.client);
    expect(useLab.getState().dataStatus).toBe('idle');
  });

  it('ask before touching a loaded dataset, then add a month to it or replace it', async () => {
    await addFiles([fixture('rees46-2019-Oct.csv')], lab.client);
    expect(useLab.getState().dataset?.report.events).toBe(10);

    await addFiles([fixture('rees46-2019-Nov.csv')], lab.client);
    expect(useLab.getState().dropChoice?.map((f) => f.name)).toEqual(['rees46-2019-Nov.csv']);
    expect(useLab.getState().dataset?.report.events).toBe(10);
    cancelDropChoice();
    expect(useLab.getState().dropChoice).toBeNull();
    expect(useLab.getState().dataset?.report.events).toBe(10);

    await addFiles([fixture('rees46-2019-Nov.csv')], lab.client);
    await chooseDropMode('add', lab.client);
    const added = useLab.getState().dataset!;
    expect(added.report.events).toBe(18);
    expect(added.report.users).toBe(6);
    expect(added.report.duplicates?.count).toBe(1);
    expect(added.addedTo).toMatchObject({ events: 10, users: 4, files: ['rees46-2019-Oct.csv'] });
    expect(added.summary.topCategories.map((c) => c.name)).toContain('maternity.clothing');

    await addFiles([fixture('rees46-2019-Nov.csv')], lab.client);
    await chooseDropMode('replace', lab.client);
    expect(useLab.getState().dataset?.report.events).toBe(9);
    expect(useLab.getState().dataset?.addedTo).toBeUndefined();
  });

  it('replace the synthetic demo without asking', async () => {
    await loadDemo(lab.client);
    await addFiles([fixture('rees46-2019-Oct.csv')], lab.client);
    expect(useLab.getState().dropChoice).toBeNull();
    expect(useLab.getState().dataset?.source).toBe('files');
    expect(useLab.getState().dataset?.report.events).toBe(10);
  });
});
