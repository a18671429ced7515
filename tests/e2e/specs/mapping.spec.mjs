// Story: a mapping to an undeclared method parameter is flagged; declaring it clears it.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

test('a mapping to an undeclared parameter is flagged, and declaring the parameter clears it', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets');
  await app.editor.getByRole('button', { name: 'remove page' }).click();

  const flagged = app.editor.locator('.problem.error').filter({ hasText: 'AG321' });
  await expect(flagged).toContainText('method.request.querystring.page');
  await expect(flagged).toContainText('does not declare');
  await expect(app.problems).toContainText('AG321');
  await expect(app.row('GET').first()).toBeVisible();

  await app.editor.getByLabel('Add query string').fill('page');
  await app.editor.getByRole('button', { name: 'Add query string' }).click();
  await expect(flagged).toHaveCount(0);
  await expect(app.problems).not.toContainText('AG321');
  expect(await app.errorCount()).toBe(0);
});

test('an undeclared path parameter is shown at the path parameters, with a one-click fix', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets/{petId}');
  await app.editor.getByRole('button', { name: 'remove petId' }).click();
  await expect(app.editor.locator('.problem.warning').filter({ hasText: 'AG210' })).toContainText('does not declare `method.request.path.petId`');
  await expect(app.editor.locator('.problem.error').filter({ hasText: 'AG321' })).toBeVisible();
  await app.editor.getByRole('button', { name: 'Declare {petId}' }).click();
  await expect(app.editor.locator('.problem')).toHaveCount(0);
});
