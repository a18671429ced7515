// Story: I enable CORS on a resource, see what will change, apply it, and can undo it.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

test('Enable CORS previews its changes, applies them, and undoes in one step', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.newApi();
  await app.selectResource('/');
  await app.addChild('items');
  await app.selectResource('/items');
  await app.addMethod('GET');
  await app.editor.getByRole('button', { name: 'Mock' }).click();
  await app.editor.getByLabel('New status code').fill('200');
  await app.editor.getByRole('button', { name: 'Add method response' }).click();
  await app.editor.getByRole('button', { name: 'Add integration response' }).click();

  await app.selectResource('/items');
  await app.editor.getByRole('button', { name: 'Enable CORS…' }).click();
  const changes = app.editor.getByRole('list', { name: 'CORS changes' });
  await expect(changes).toContainText("/items: add OPTIONS (MOCK) answering 'GET,OPTIONS'");
  await expect(changes).toContainText('GET /items: declare Access-Control-Allow-Origin on method response 200');
  await expect(changes).toContainText("GET /items: map Access-Control-Allow-Origin to '*' in integration response 200");
  await app.screenshot('cors-preview');
  await app.editor.getByRole('button', { name: 'Apply' }).click();

  await expect(app.row('OPTIONS')).toBeVisible();
  expect(await app.errorCount()).toBe(0);
  await page.keyboard.press('Control+z');
  await expect(app.row('OPTIONS')).toHaveCount(0);
});
