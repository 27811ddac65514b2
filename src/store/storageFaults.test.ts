// Storage that fails under the lab: IndexedDB refused (private mode) or full. The page says so, keeps working in
// memory, and what was saved before is unharmed. The browser's IndexedDB is the seam: each test gets its own
// fake-indexeddb factory as the global, or one that refuses to open.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInProcessLab, type InProcessLab } from '../worker/inProcessClient';
import { restoreRuns } from './compareActions';
import { addFiles, chooseDropMode, connectDataEvents, restoreDataset } from './dataActions';
import { resetLabStore, useLab } from './index';

function fixture(name: string): File {
  return new File([readFileSync(`e2e/fixtures/${name}`)], name);
}

/** A page (store + worker) over whatever indexedDB is global now. */
function openPage(): InProcessLab & { off: () => void } {
  resetLabStore();
  const lab = createInProcessLab();
  return { ...lab, off: connectDataEvents(lab.client) };
}

async function persistenceSettled() {
  await vi.waitFor(() => expect(['saved', 'failed']).toContain(useLab.getState().persistence.state));
  return useLab.getState().persistence;
}

let page: (InProcessLab & { off: () => void }) | null = null;

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
});
afterEach(() => {
  page?.off();
  page?.close();
  page = null;
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('when the browser refuses IndexedDB (private mode)', () => {
  it('says so above every screen and the lab works in memory', async () => {
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    page = openPage();
    await restoreDataset(page.client);
    expect(useLab.getState().dataStatus).toBe('idle');
    expect(useLab.getState().dataError).toBeNull();
    expect(useLab.getState().storageNotice).toContain('does not let Tag Lab keep data');

    await addFiles([fixture('purchases.csv')], page.client);
    expect(useLab.getState().dataset?.report.events).toBe(196);
    const persistence = await persistenceSettled();
    expect(persistence.state).toBe('failed');
    expect(persistence).toMatchObject({ message: expect.stringContaining('does not allow saving') });

    await restoreRuns(page.client);
    expect(useLab.getState().storageMessages.join(' ')).toContain('could not be read');
  });
});

describe('when the disk is full', () => {
  it('keeps the new dataset in the page with a message, and the one saved before is unharmed', async () => {
    page = openPage();
    await addFiles([fixture('purchases.csv')], page.client);
    expect((await persistenceSettled()).state).toBe('saved');
    page.off();
    page.close();

    page = openPage();
    await restoreDataset(page.client);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await addFiles([fixture('clicks.csv')], page.client);
    await chooseDropMode('replace', page.client);
    expect(useLab.getState().dataset?.report.events).toBe(209);
    await vi.waitFor(() => expect(useLab.getState().persistence.state).toBe('failed'));
    expect(useLab.getState().persistence).toMatchObject({
      message: expect.stringContaining('no room left'),
    });
    vi.restoreAllMocks();
    page.off();
    page.close();

    page = openPage();
    await restoreDataset(page.client);
    expect(useLab.getState().dataset?.report.events).toBe(196);
    expect(useLab.getState().storageNotice).toBeNull();
  });
});
