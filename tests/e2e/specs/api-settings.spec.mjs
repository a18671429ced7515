// Story: I edit the API-level authorizers, validators and models; the plan follows, and undo works.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

test('authorizer, validator and model edits reach the plan and undo one step at a time', async ({ page }) => {
  const app = new Designer(page);
  await app.open('api');
  await app.editor.getByLabel('Add validator').fill('strict');
  await app.editor.getByRole('button', { name: 'Add validator' }).click();
  await app.editor.getByLabel('Validate body').uncheck();
  await app.editor.getByLabel('Add authorizer').fill('Tok');
  await app.editor.getByRole('button', { name: 'Add authorizer' }).click();
  await app.editor.getByLabel('Identity source').fill('method.request.header.X-Token');
  await app.editor.getByLabel('Content type').first().fill('application/vnd+json');
  // With API settings selected, the preview shows the calls that create what they hold.
  await expect(app.preview.locator('.call').filter({ hasText: 'CreateAuthorizer' })).toContainText('"name": "Tok"');
  await expect(app.preview.locator('.call').filter({ hasText: 'CreateRequestValidator' })).toContainText('"name": "strict"');
  await expect(app.preview).not.toContainText('CreateResource');
  await app.preview.getByRole('button', { name: /Whole plan/ }).click();
  await expect(app.preview).toContainText('"validateRequestBody": false');
  await expect(app.preview).toContainText('"identitySource": "method.request.header.X-Token"');
  await expect(app.preview).toContainText('"contentType": "application/vnd+json"');
  await page.keyboard.press('Control+z');
  await expect(app.preview).not.toContainText('application/vnd+json');
  await expect(app.preview).toContainText('"identitySource": "method.request.header.X-Token"');
});

test('the preview says why the root resource and an API without objects make no calls', async ({ page }) => {
  const app = new Designer(page);
  await app.open('%2F');
  await expect(app.preview).toContainText('The root resource comes with every API: no call creates it.');
  await app.newApi();
  await app.page.getByRole('button', { name: 'API settings' }).click();
  await expect(app.preview).toContainText('No authorizers, validators or models yet');
});
