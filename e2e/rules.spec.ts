import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { watchConsole } from './helpers/files';

import { SHOTS } from './helpers/shots';

async function count(page: Page, key: 'positive' | 'negative' | 'conflict' | 'unlabelled'): Promise<number> {
  const text = (await page.getByTestId(`count-${key}`).textContent()) ?? '';
  return Number(text.replace(/,/g, ''));
}

/** Waits until the live counts have caught up with the last edit. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'Label counts' })).toHaveAttribute('aria-busy', 'false');
}

async function openRulesOnDemo(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Use the demo dataset' }).click();
  await expect(page.getByText('Saved in this browser')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: /Rules/ }).click();
  await expect(page.getByTestId('count-positive')).toHaveText(/^\d[\d,]*$/);
  await settled(page);
}

const positive1 = (page: Page) => page.getByRole('listitem', { name: 'Positive condition 1' });

test.describe('Rules screen', () => {
  test('editing the rules updates the live counts, flags problems, and survives a reload', async ({
    page,
  }) => {
    const console = watchConsole(page);
    await openRulesOnDemo(page);

    // The preset: both sides label someone, and the default as-of date is shown.
    const preset = { positive: await count(page, 'positive'), negative: await count(page, 'negative') };
    expect(preset.positive).toBeGreaterThan(0);
    expect(preset.negative).toBeGreaterThan(0);
    await expect(page.getByTestId('as-of-used')).toContainText('the day after the latest event');
    await expect(positive1(page).locator('.chip')).toHaveText([/maternity care/, /maternity wear/]);
    await expect(page.getByTestId('user-card')).toHaveCount(6);
    await expect(page.getByTestId('ready-line')).toHaveText(/Ready to train/);
    await page.screenshot({ path: `${SHOTS}/rules-preset.png`, fullPage: true });

    // A lower minimum catches more users; a shorter window fewer.
    await page.getByRole('spinbutton', { name: 'Minimum for positive condition 1' }).fill('2');
    await expect.poll(() => count(page, 'positive')).toBeGreaterThan(preset.positive);
    await settled(page);
    const lowerMin = await count(page, 'positive');
    await page.getByRole('spinbutton', { name: 'Window in months for positive condition 1' }).fill('3');
    await expect.poll(() => count(page, 'positive')).toBeLessThan(lowerMin);
    await settled(page);
    const shortWindow = await count(page, 'positive');
    const all = await Promise.all(
      (['positive', 'negative', 'conflict', 'unlabelled'] as const).map((k) => count(page, k)),
    );
    expect(all.reduce((a, b) => a + b, 0)).toBe(10_000);

    // An earlier as-of date moves every window back; "use default" brings the day after the latest event back.
    await page.getByLabel('As-of date').fill('2025-10-01');
    await expect(page.getByTestId('as-of-used')).toContainText('Windows end before 2025-10-01');
    await expect.poll(() => count(page, 'positive')).not.toBe(shortWindow);
    await page.getByRole('button', { name: 'use default' }).click();
    await expect(page.getByTestId('as-of-used')).toContainText('the day after the latest event');
    await expect.poll(() => count(page, 'positive')).toBe(shortWindow);
    await settled(page);

    // A category added through the search widens the side.
    const search = page.getByRole('combobox', { name: 'Add a category to positive condition 1' });
    await search.fill('pregnancy pil');
    await expect(page.getByRole('option', { name: /pregnancy pillow/ })).toContainText('events');
    await page.getByRole('option', { name: /pregnancy pillow/ }).click();
    await expect(positive1(page).locator('.chip')).toHaveCount(3);
    await expect.poll(() => count(page, 'positive')).toBeGreaterThan(shortWindow);
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/rules-edited.png`, fullPage: true });

    // A name that is not in the dataset is flagged with clickable suggestions.
    await search.fill('prenatal vitamin');
    await page.getByRole('option', { name: /as written/ }).click();
    const warning = positive1(page).locator('[data-code="unknown-category"]');
    await expect(warning).toContainText('“prenatal vitamin” is not a category in this dataset');
    await expect(positive1(page).locator('.chip-unknown')).toHaveText(/prenatal vitamin/);
    await page.screenshot({ path: `${SHOTS}/rules-unknown-category.png`, fullPage: true });
    await warning.getByRole('button', { name: 'prenatal vitamins' }).click();
    await expect(warning).toHaveCount(0);
    await expect(positive1(page).locator('.chip')).toHaveCount(4);
    await expect(positive1(page).locator('.chip-unknown')).toHaveCount(0);

    // A side that labels nobody blocks training with a clear message.
    const negMin = page.getByRole('spinbutton', { name: 'Minimum for negative condition 1' });
    await negMin.fill('100000');
    await expect(page.getByTestId('side-negative').locator('[data-code="no-negatives"]')).toContainText(
      'No user is labelled negative',
    );
    await expect(page.getByTestId('ready-line')).toContainText('Not ready to train');
    await page.screenshot({ path: `${SHOTS}/rules-no-negatives.png`, fullPage: true });
    await negMin.fill('5');
    await expect(page.getByTestId('ready-line')).toHaveText(/Ready to train/);
    await settled(page);

    // The leakage guard and sampling.
    await page.getByRole('checkbox', { name: /Remove the rule categories from the model inputs/ }).check();
    await expect(page.getByTestId('feature-summary')).toContainText('rule categories masked');
    await expect(page.getByTestId('training-size')).toContainText('positive');
    const edited = { positive: await count(page, 'positive'), negative: await count(page, 'negative') };
    const fmt = (n: number) => n.toLocaleString('en-US');
    // by default every labelled user trains (class weights balance the loss)
    await expect(page.getByTestId('training-size')).toContainText(
      `${fmt(edited.positive)} positive · ${fmt(edited.negative)} negative`,
    );
    // down-sampling, the option, cuts the larger class to the smaller one's size
    const balance = page.getByRole('checkbox', { name: /Balance by down-sampling/ });
    await balance.check();
    const balanced = Math.min(edited.positive, edited.negative);
    await expect(page.getByTestId('training-size')).toContainText(
      `${fmt(balanced)} positive · ${fmt(balanced)} negative`,
    );
    await balance.uncheck();
    await expect(page.getByTestId('training-size')).toContainText(
      `${fmt(edited.positive)} positive · ${fmt(edited.negative)} negative`,
    );
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/rules-guard.png`, fullPage: true });

    // Export: the downloaded rules.json is the edited rules.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export rules.json' }).click();
    const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    expect(exported.positive.conditions[0]).toEqual({
      action: 'purchase',
      categories: ['maternity care', 'maternity wear', 'pregnancy pillow', 'prenatal vitamins'],
      windowMonths: 3,
      min: 2,
    });

    // Open the lab again: the rules and the guard come back with the restored dataset.
    await page.goto('/');
    await expect(page.getByText('Restored the dataset saved in this browser.')).toBeVisible();
    await page.getByRole('button', { name: /Rules/ }).click();
    await settled(page);
    await expect(page.getByRole('spinbutton', { name: 'Minimum for positive condition 1' })).toHaveValue('2');
    await expect(
      page.getByRole('spinbutton', { name: 'Window in months for positive condition 1' }),
    ).toHaveValue('3');
    await expect(positive1(page).locator('.chip')).toHaveCount(4);
    await expect(page.getByRole('checkbox', { name: /Remove the rule categories/ })).toBeChecked();
    await expect.poll(() => count(page, 'positive')).toBe(edited.positive);
    expect(console.errors).toEqual([]);
  });

  test('importing rules: a broken file is refused with the reason, a good one replaces the rules', async ({
    page,
  }) => {
    const console = watchConsole(page);
    await openRulesOnDemo(page);
    const input = page.getByTestId('rules-file-input');
    const broken = {
      positive: { match: 'any', conditions: [{ action: 'buy', categories: [], windowMonths: 12, min: 1 }] },
    };
    await input.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await expect(page.getByTestId('rules-error')).toContainText('rules.positive.conditions[0].action');
    await expect(page.getByTestId('rules-error')).toContainText('The current rules are unchanged.');
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ nope'),
    });
    await expect(page.getByTestId('rules-error')).toContainText('bad.json is not valid JSON');
    await expect(positive1(page).locator('.chip')).toHaveCount(2);

    const typo = {
      positive: {
        match: 'any',
        conditions: [{ action: 'purchase', categories: ['matrnity wear'], windowMonths: 12, min: 3 }],
      },
      negative: {
        match: 'all',
        conditions: [{ action: 'purchase', categories: ['cosmetics'], windowMonths: 6, min: 2 }],
      },
      onConflict: 'negative',
    };
    await input.setInputFiles({
      name: 'typo.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(typo)),
    });
    await expect(page.getByTestId('rules-notice')).toContainText('Imported the rules from typo.json');
    const warning = positive1(page).locator('[data-code="unknown-category"]');
    await expect(warning).toContainText('Did you mean');
    await expect(page.getByTestId('side-positive').locator('[data-code="no-positives"]')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/rules-imported-typo.png`, fullPage: true });
    await warning.getByRole('button', { name: 'maternity wear' }).click();
    await expect(page.getByTestId('ready-line')).toHaveText(/Ready to train/);
    expect(await count(page, 'positive')).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Reset to preset' }).click();
    await expect(positive1(page).locator('.chip')).toHaveText([/maternity care/, /maternity wear/]);
    expect(console.errors).toEqual([]);
  });
});
