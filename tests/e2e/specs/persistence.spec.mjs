// Story: my design survives a reload; a bad file never replaces it.
import { test, expect } from '@playwright/test';
import { Designer, openExports } from '../pages/designer.mjs';

test('reload restores the design and the selection', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await page.getByRole('button', { name: /API settings/ }).click();
  await app.editor.getByLabel('Name', { exact: true }).fill('Zoo');
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

test('the proxy resource checkbox makes {proxy+} with ANY and opens that method', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/');
  await app.editor.getByLabel('Proxy resource ({proxy+} with ANY)').check();
  await app.editor.getByRole('button', { name: 'Create resource' }).click();
  await expect(app.editor.locator('h2').first()).toHaveText('ANY /{proxy+}');
  await expect(page).toHaveURL(/#ANY\+\/%7Bproxy%2B%7D$/);
  // Its path parameter is declared, as the console does, so no problem is left behind.
  await expect(app.editor.getByLabel(/^name of /).first()).toHaveValue('proxy');
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
  await openExports(page);
  await page.getByTestId('export-design').click();
  const file = await (await download).path();
  await app.newApi();
  await expect(page.locator('.api-name .name')).toHaveText('MyApi');
  await page.getByLabel('Import file').setInputFiles(file);
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
  await expect(app.notice).toContainText('Imported the design');
});

test('a design with errors is exported all the same, and the user is told', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets');
  await app.editor.getByRole('button', { name: 'remove page' }).click();
  await expect.poll(() => app.errorCount()).toBeGreaterThan(0);
  const errors = await app.errorCount();
  const download = page.waitForEvent('download');
  await openExports(page);
  await page.getByTestId('export-openapi').click();
  expect((await download).suggestedFilename()).toBe('PetStore.openapi.json');
  await expect(app.notice).toContainText(`the design has ${errors} error${errors === 1 ? '' : 's'} that API Gateway would reject`);
});

test('the CLI script export downloads a runnable script', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const download = page.waitForEvent('download');
  await openExports(page);
  await page.getByTestId('export-script').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('PetStore.deploy.sh');
  const { readFileSync } = await import('node:fs');
  const script = readFileSync(await file.path(), 'utf8');
  expect(script).toMatch(/^#!\/usr\/bin\/env bash\n/);
  expect(script).toContain('set -euo pipefail');
  expect(script).toContain('R_PETS=$(aws apigateway create-resource');
});

test('when storage refuses to save, the user is told, editing goes on and the design can be exported', async ({ page }) => {
  await page.addInitScript(() => {
    const refuse = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    IDBObjectStore.prototype.put = refuse;
    IDBObjectStore.prototype.add = refuse;
  });
  const app = new Designer(page);
  await page.goto('./#GET+/pets');
  await expect(app.tree).toBeVisible();
  await app.editor.getByLabel('Operation name').fill('ListPets');
  await expect(app.notice).toContainText("Not saved: the browser's storage is full");
  await expect(app.notice).toContainText('Export it to keep it');
  await expect(app.status).toContainText('Not saved');
  await expect(app.preview).toContainText('"operationName": "ListPets"');
  // The design is still whole in the tab, and leaves it by Export.
  const design = await app.exportedDesign();
  expect(design.resources['/pets'].methods.GET.operationName).toBe('ListPets');
  expect(app.errors).toEqual([]);
});
