// Story: I build the PetStore API from scratch in the UI and export its plan; the plan is
// exactly the reviewed golden file. (UPDATE_GOLDEN=1 rewrites the golden file.)
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { Designer, openExports } from '../pages/designer.mjs';

const GOLDEN = new URL('../golden/petstore-from-scratch.plan.json', import.meta.url);

async function httpMethod(app, uri) {
  await app.editor.getByRole('button', { name: 'HTTP', exact: true }).click();
  await app.editor.getByLabel('Endpoint URL (uri)').fill(uri);
  await app.editor.getByLabel('New status code').fill('200');
  await app.editor.getByRole('button', { name: 'Add method response' }).click();
  await app.editor.getByRole('button', { name: 'Add integration response' }).click();
}

test('build PetStore from scratch and export a plan equal to the golden file', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.newApi();
  await page.getByRole('button', { name: /API settings/ }).click();
  await app.editor.getByLabel('Name', { exact: true }).fill('PetStore');
  await app.editor.getByLabel('Description').fill('Pets, created in apigw-designer');

  await app.selectResource('/');
  await app.addChild('pets');
  await app.selectResource('/pets');
  await app.addMethod('GET');
  await app.editor.getByLabel('Add query string').fill('page');
  await app.editor.getByRole('button', { name: 'Add query string' }).click();
  await httpMethod(app, 'http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets');
  await app.editor.getByLabel('Add mapping').fill('integration.request.querystring.page');
  await app.editor.getByRole('button', { name: 'Add mapping' }).click();
  await app.editor.getByLabel('value of integration.request.querystring.page').fill('method.request.querystring.page');

  await app.selectResource('/pets');
  await app.addMethod('POST');
  await httpMethod(app, 'http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets');
  await app.editor.getByRole('combobox', { name: 'HTTP method', exact: true }).selectOption('POST');

  await app.selectResource('/pets');
  await app.addChild('{petId}');
  await app.selectResource('/pets/{petId}');
  await app.addMethod('GET');
  await httpMethod(app, 'http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets/{petId}');

  expect(await app.errorCount()).toBe(0);
  await expect(app.preview.getByRole('button', { name: /Whole plan · 14 calls/ })).toBeVisible();
  const download = page.waitForEvent('download');
  await openExports(page);
  await page.getByTestId('export-plan').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('PetStore.plan.json');
  const exported = readFileSync(await file.path(), 'utf8');
  if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, exported);
  expect(exported).toBe(readFileSync(GOLDEN, 'utf8'));
  expect(app.errors).toEqual([]);
});
