// Story: I delete a resource with its subtree; undo brings all of it back, redo removes it again.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

test('undo and redo across a subtree delete', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const rows = app.tree.getByRole('treeitem');
  const before = await rows.count();
  const plan = async () => (await app.preview.getByRole('button', { name: /Whole plan/ }).textContent());
  const planBefore = await plan();

  await app.selectResource('/pets');
  await app.editor.getByRole('button', { name: 'Delete resource and its subtree' }).click();
  await expect(app.row('/pets')).toHaveCount(0);
  await expect(app.row('/{petId}')).toHaveCount(0);
  await expect(app.notice).toContainText('Ctrl+Z brings it back');

  await page.keyboard.press('Control+z');
  await expect(rows).toHaveCount(before);
  await expect(app.row('/{petId}')).toBeVisible();
  expect(await plan()).toBe(planBefore);

  await page.keyboard.press('Control+Shift+z');
  await expect(app.row('/pets')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(rows).toHaveCount(before);
  expect(await plan()).toBe(planBefore);
});

test('typing into a field undoes in one step', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets');
  const op = app.editor.getByLabel('Operation name');
  await op.pressSequentially('ListPets');
  await op.blur();
  await expect(app.preview).toContainText('"operationName": "ListPets"');
  await page.keyboard.press('Control+z');
  await expect(op).toHaveValue('');
  await expect(app.preview).not.toContainText('operationName');
});

test('New API can be undone, so no design is lost', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.newApi();
  await expect(page.locator('.api-name .name')).toHaveText('MyApi');
  await page.keyboard.press('Control+z');
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
  await expect(app.row('/{petId}')).toBeVisible();
});

// Story: I move a resource under another one by typing its new parent, picked from suggestions;
// a parent that does not exist is refused with the reason, and undo moves it back.
test('a resource moves under the parent typed in its Parent field, and undo moves it back', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/pets');
  await app.addChild('owners');
  await app.selectResource('/pets/{petId}');
  const parent = app.editor.getByLabel('Parent (move)');
  await expect(parent).toHaveValue('/pets');

  // Suggestions: the resources whose paths contain what is typed, outside this subtree.
  await parent.focus();
  const suggestions = app.editor.locator('datalist option');
  await expect(suggestions).toHaveCount(2); // /pets and /pets/owners
  await parent.fill('/');
  await expect(suggestions).toHaveCount(3); // also /, and never /pets/{petId} itself
  expect(await suggestions.evaluateAll((o) => o.map((x) => x.value))).toEqual(['/', '/pets', '/pets/owners']);

  await parent.fill('/nowhere');
  await parent.press('Enter');
  await expect(app.notice).toContainText('the parent /nowhere does not exist');
  await expect(parent).toHaveValue('/pets');

  await parent.fill('/pets/owners');
  await parent.press('Enter');
  await expect(app.editor.locator('h2').first()).toHaveText('/pets/owners/{petId}');
  await expect(app.editor.getByLabel('Parent (move)')).toHaveValue('/pets/owners');
  await expect(app.row('/{petId}')).toHaveAttribute('aria-selected', 'true');
  await expect(app.preview).toContainText('owners');

  await page.keyboard.press('Control+z');
  await expect(app.row('/{petId}')).toBeVisible();
  await app.selectResource('/pets/{petId}');
  await expect(app.editor.getByLabel('Parent (move)')).toHaveValue('/pets');
});
