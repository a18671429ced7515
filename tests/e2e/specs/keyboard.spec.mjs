// Story: I navigate the tree with the keyboard only.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

test('arrow keys move through the tree, left and right collapse and expand, Enter opens', async ({ page }) => {
  const app = new Designer(page);
  await app.open('%2F');
  const selected = app.tree.locator('[aria-selected="true"]');
  await expect(selected).toContainText('/');
  await selected.focus();

  await page.keyboard.press('ArrowDown');
  await expect(selected).toContainText('GET');
  await expect(app.editor.locator('h2').first()).toContainText('GET');
  await page.keyboard.press('ArrowDown');
  await expect(selected).toContainText('/pets');
  await expect(selected).toBeFocused();
  // The address follows once the selection rests.
  await expect.poll(() => decodeURIComponent(page.url())).toContain('#/pets');

  await page.keyboard.press('ArrowLeft');
  await expect(selected).toHaveAttribute('aria-expanded', 'false');
  await expect(app.row('/{petId}')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(selected).toHaveAttribute('aria-expanded', 'true');
  await expect(app.row('/{petId}')).toBeVisible();

  await page.keyboard.press('End');
  await expect(selected).toContainText('OPTIONS');
  await page.keyboard.press('ArrowLeft');
  await expect(selected).toContainText('/{petId}');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(app.editor.getByRole('combobox', { name: 'Authorization', exact: true })).toBeFocused();
});

// Story: the tree shows each method's integration type, and follows when I change it or undo.
test('a method row shows its integration type, updated as it is changed and undone', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets');
  const row = app.tree.locator('[aria-selected="true"]');
  const before = (await row.locator('.detail').textContent()).trim();
  expect(before).not.toBe('MOCK');
  await app.editor.getByRole('combobox', { name: 'Integration type' }).selectOption('MOCK');
  await expect(row.locator('.detail')).toHaveText('MOCK');
  await page.keyboard.press('Control+z');
  await expect(row.locator('.detail')).toHaveText(before);
});
