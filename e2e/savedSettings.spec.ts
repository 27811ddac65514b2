// Saved settings that cannot be read: the page says so above every screen and shows the defaults, never a silent
// reset; the unreadable text is kept beside them.

import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers/files';

test('settings that are not JSON give a notice and the defaults, and their text is kept', async ({
  page,
}) => {
  const console = watchConsole(page);
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('tag-lab.settings', '{"state": {"rules"'));
  await page.reload();
  const notice = page.getByTestId('settingsNotice');
  await expect(notice).toContainText(
    'The settings saved in this browser could not be read (they are not valid JSON)',
  );
  await expect(notice).toContainText('tag-lab.settings.unreadable');
  expect(await page.evaluate(() => localStorage.getItem('tag-lab.settings.unreadable'))).toBe(
    '{"state": {"rules"',
  );
  await notice.getByRole('button', { name: 'dismiss' }).click();
  await expect(notice).toHaveCount(0);
  expect(console.errors).toEqual([]);
});
