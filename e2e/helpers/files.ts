// Drop files on an element the way a person does: a real DataTransfer with File objects built inside the page,
// then dragenter, dragover and drop dispatched on the target.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JSHandle, Locator, Page } from '@playwright/test';

export const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures');

export interface DroppedFile {
  /** the name the File gets in the page */
  name: string;
  /** fixture file name under e2e/fixtures, or inline text, or bytes made in the test (a Parquet file) */
  fixture?: string;
  text?: string;
  bytes?: Uint8Array;
}

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

export async function dropFiles(page: Page, target: Locator, files: DroppedFile[]): Promise<void> {
  const payload = files.map((f) => ({
    name: f.name,
    base64: (f.bytes
      ? Buffer.from(f.bytes)
      : f.fixture
        ? readFileSync(fixturePath(f.fixture))
        : Buffer.from(f.text ?? '', 'utf8')
    ).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name, { type: 'text/csv' }));
    }
    return transfer;
  }, payload);
  await dispatchDrop(target, dataTransfer);
}

export async function dispatchDrop(target: Locator, dataTransfer: JSHandle<DataTransfer>): Promise<void> {
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
  await dataTransfer.dispose();
}

/** A large events CSV built inside the page (no transfer from the test), ready to drop. */
export function makeLargeCsvTransfer(page: Page, rows: number): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle((n) => {
    const parts: string[] = ['user_id,category,time,action\n'];
    for (let i = 0; i < n; i++) {
      parts.push(`u${i % 50_000},c${i % 300},2024-0${1 + (i % 9)}-1${i % 10},${i % 7 ? 'pv' : 'buy'}\n`);
    }
    const transfer = new DataTransfer();
    transfer.items.add(new File(parts, 'large.csv', { type: 'text/csv' }));
    return transfer;
  }, rows);
}

/** Collects console errors and uncaught page errors; call `expectNone` at the end of a test. */
export function watchConsole(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { errors };
}
