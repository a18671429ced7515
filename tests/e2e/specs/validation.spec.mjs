// Story: I type a bad path part, see the error at the field and in the problems panel,
// fix it, and see it gone.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

test('a bad path part is flagged inline, at the resource and in the panel, and clears when fixed', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/pets');

  // Inline, while typing a new child: the rule shows and creation is refused.
  await app.editor.getByLabel('New resource path part').fill('pets{id}');
  const inline = app.editor.locator('.inline-rules .problem.error');
  await expect(inline).toContainText('AG103');
  await expect(app.editor.getByRole('button', { name: 'Create resource' })).toBeDisabled();
  await app.editor.getByLabel('New resource path part').fill('{id}');
  await expect(inline).toHaveCount(1); // a second variable beside {petId}
  await expect(inline).toContainText('second variable');
  await app.editor.getByLabel('New resource path part').fill('toys');
  await expect(inline).toHaveCount(0);

  // Renaming an existing resource to a bad path part.
  const rename = app.editor.getByLabel('Path part (rename)');
  await rename.fill('pe$ts');
  await rename.press('Enter');
  await expect(app.editor.locator('h2').first()).toHaveText('/pe$ts');
  await expect(app.editor.locator('.problem.error').first()).toContainText('AG101');
  await expect(app.problems).toContainText('AG101');
  expect(await app.errorCount()).toBeGreaterThan(0);
  await app.row('/pe$ts').click();
  await expect(app.row('/pe$ts').locator('.badge.error')).toBeVisible();

  // Fix it.
  await app.editor.getByLabel('Path part (rename)').fill('pets');
  await app.editor.getByLabel('Path part (rename)').press('Enter');
  await expect(app.editor.locator('.problem.error')).toHaveCount(0);
  await expect(app.problems).not.toContainText('AG101');
  expect(await app.errorCount()).toBe(0);
  expect(app.errors).toEqual([]);
});

test('clicking a problem selects its method and focuses its field', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets/{petId}');
  const uri = app.editor.getByLabel('Endpoint URL (uri)');
  await uri.fill('petstore.example.com/pets');
  await app.selectResource('/');
  await app.problems.getByRole('button', { name: /AG305/ }).click();
  await expect(app.editor.locator('h2').first()).toContainText('/pets/{petId}');
  await expect(app.editor.getByLabel('Endpoint URL (uri)')).toBeFocused();
  await expect(app.editor.locator('.problem.error')).toContainText('must start with http:// or https://');
});
