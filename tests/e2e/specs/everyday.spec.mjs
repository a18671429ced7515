// Stories of everyday use: a new integration starts as what the user would build, and a field
// keeps its place while the user types in it.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

test('a new HTTP integration on PUT calls its back end with PUT, not GET', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/pets');
  await app.addMethod('PUT');
  await app.editor.getByRole('button', { name: 'HTTP', exact: true }).click();
  await expect(app.editor.locator('[id="/resources/~1pets/methods/PUT/integration/integrationHttpMethod"]')).toHaveValue('PUT');
  await app.preview.getByRole('button', { name: /Whole plan/ }).click();
  await expect(app.preview.locator('.call').filter({ hasText: 'PutIntegration' }).filter({ hasText: '"httpMethod": "PUT"' }).filter({ hasText: '"type": "HTTP"' }))
    .toContainText('"integrationHttpMethod": "PUT"');
});

test('a new Lambda proxy leaves its function for me to name, and says it is missing', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/pets');
  await app.addMethod('DELETE');
  await app.editor.getByRole('button', { name: 'Lambda proxy', exact: true }).click();
  const uri = app.editor.getByLabel('Target ARN (uri)');
  // An example is a placeholder, never a value that validates clean.
  await expect(uri).toHaveValue('');
  await expect(uri).toHaveAttribute('placeholder', /^arn:aws:apigateway:/);
  await expect(app.problems.locator('button.problem-item.error[data-pointer="/resources/~1pets/methods/DELETE/integration/uri"]')).toHaveCount(1);
});

test('clearing a custom timeout to type another keeps the field, and "use default" unchecked', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/pets');
  await app.addMethod('PATCH');
  await app.editor.getByRole('button', { name: 'HTTP', exact: true }).click();
  const useDefault = app.editor.getByLabel(/Use default timeout/);
  await expect(useDefault).toBeChecked();
  await useDefault.uncheck();
  const timeout = app.editor.getByLabel('Timeout (ms)');
  await expect(timeout).toHaveValue('29000');
  await timeout.fill('');
  await expect(timeout).toBeVisible();
  await expect(useDefault).not.toBeChecked();
  await timeout.fill('5000');
  const call = app.preview.locator('.call').filter({ hasText: 'PutIntegration' }).filter({ hasText: '"httpMethod": "PATCH"' });
  await expect(call).toContainText('"timeoutInMillis": 5000');
  // Choosing the default again hides the field and unsets the timeout.
  await useDefault.check();
  await expect(timeout).toBeHidden();
  await expect(call).not.toContainText('"timeoutInMillis"');
});

test('binary media types an import brings are shown in API settings, and typing adds one', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const design = { format: 'apigw-design/1', api: { name: 'Files', endpointType: 'REGIONAL', binaryMediaTypes: ['image/png'] }, resources: { '/': {} } };
  await page.getByLabel('Import file').setInputFiles({ name: 'files.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(design)) });
  await expect(app.notice).toContainText('files.json');
  await page.locator('.tree-panel').getByRole('button', { name: 'API settings' }).click();
  const field = app.editor.getByLabel('Binary media types (comma-separated)');
  await expect(field).toHaveValue('image/png');
  // Typed key by key: the comma before the next type stays while it is typed.
  await field.click();
  await field.press('End');
  await field.pressSequentially(', application/pdf');
  await expect(field).toHaveValue('image/png, application/pdf');
  expect((await app.exportedDesign()).api.binaryMediaTypes).toEqual(['image/png', 'application/pdf']);
});

test('renaming a path part shows its rules as I type, and a slash gets the path-part message', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/pets');
  const rename = app.editor.getByLabel('Path part (rename)');
  const rules = app.editor.locator('.inline-rules').first();
  await rename.fill('pe ts');
  // Before the change is committed, as a new child's part is.
  await expect(rules).toContainText('the path part `pe ts` contains a space');
  await rename.fill('pets/cats');
  await expect(rules).toContainText('a path part is one segment');
  await rename.press('Enter');
  await expect(page.locator('.notice', { hasText: 'does not exist' })).toHaveCount(0);
  await expect(app.row('/pets')).toBeVisible();
  await expect(app.editor.locator('h2').first()).toHaveText('/pets');
  // A good part renames in place.
  await rename.fill('animals');
  await expect(rules).not.toContainText('AG');
  await rename.press('Enter');
  await expect(app.editor.locator('h2').first()).toHaveText('/animals');
});
