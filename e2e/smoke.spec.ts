import { expect, test } from '@playwright/test';

test('the lab opens', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Tag Lab' })).toBeVisible();
});
