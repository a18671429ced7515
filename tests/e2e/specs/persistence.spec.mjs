// Story: my design survives a reload; a bad file never replaces it.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

test('reload restores the design and the selection', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await app.editor.getByLabel('Name').fill('Zoo');
  await app.selectMethod('POST', '/pets');
  await page.reload();
  await expect(page.locator('.api-name .name')).toHaveText('Zoo');
  await expect(app.editor.locator('h2').first()).toContainText('POST');
  await expect(app.row('POST')).toHaveAttribute('aria-selected', 'true');
});

test('a greedy resource keeps its plus sign in the address and across a reload', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/');
  await app.addChild('{proxy+}');
  await app.addMethod('ANY');
  // The `+` of `{proxy+}` is escaped; a bare `+` stands for the space after the verb.
  await expect(page).toHaveURL(/#ANY\+\/%7Bproxy%2B%7D$/);
  await page.reload();
  await expect(app.editor.locator('h2').first()).toHaveText('ANY /{proxy+}');
  await expect(app.row('ANY')).toHaveAttribute('aria-selected', 'true');
});

test('importing a bad file changes nothing and says what and where', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const rows = await app.tree.getByRole('treeitem').count();
  await page.getByLabel('Import file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "format": "apigw-design/1",\n  "resources": { "/a": { "methods": 7 } }\n}\n'),
  });
  await expect(app.notice).toContainText('broken.json: line 3 column');
  await expect(app.notice).toContainText('Nothing was changed');
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
  await expect(app.tree.getByRole('treeitem')).toHaveCount(rows);
});

test('a design exported and imported again is the same', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-design').click();
  const file = await (await download).path();
  await app.newApi();
  await expect(page.locator('.api-name .name')).toHaveText('MyApi');
  await page.getByLabel('Import file').setInputFiles(file);
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
  await expect(app.notice).toContainText('Imported the design');
});

test('the CLI script export downloads a runnable script', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-script').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('PetStore.deploy.sh');
  const { readFileSync } = await import('node:fs');
  const script = readFileSync(await file.path(), 'utf8');
  expect(script).toMatch(/^#!\/usr\/bin\/env bash\n/);
  expect(script).toContain('set -euo pipefail');
  expect(script).toContain('R_PETS=$(aws apigateway create-resource');
});

test('when storage refuses to save, the user is told and editing goes on', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const app = new Designer(page);
  await page.goto('./#GET+/pets');
  await expect(app.tree).toBeVisible();
  await expect(app.notice).toContainText('Not saved: local storage is full');
  await expect(app.status).toContainText('Not saved');
  await app.editor.getByLabel('Operation name').fill('ListPets');
  await expect(app.preview).toContainText('"operationName": "ListPets"');
  expect(app.errors).toEqual([]);
});
