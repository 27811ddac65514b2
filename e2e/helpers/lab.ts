// The steps most training specs start with: a fresh page, the demo dataset, the preset rules with a capped sample
// (so a couple of epochs take seconds on SwiftShader), then the Train screen with its model summary built.

import { expect, type Page } from '@playwright/test';

export async function loadDemoWithCappedSample(page: Page, cap = 600): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('button', { name: 'Use the demo dataset' }).click();
  await expect(page.getByRole('heading', { name: 'Demo dataset' })).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: /Rules/ }).click();
  await expect(page.getByTestId('training-size')).toContainText('positive', { timeout: 60_000 });
  await page.getByLabel('Cap the sample at (users, 0 = no cap)').fill(String(cap));
  await expect(page.getByTestId('training-size')).toContainText(`${cap} users to train and validate on`);
}

export async function openTrainScreen(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /Train$/ })
    .first()
    .click();
  await expect(page.getByTestId('total-params')).not.toHaveText('', { timeout: 60_000 });
}
