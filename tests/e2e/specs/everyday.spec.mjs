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
  const call = app.preview.locator('.call[data-operation="PutIntegration"]').filter({ hasText: '"httpMethod": "PATCH"' });
  await expect(call).toContainText('"timeoutInMillis": 5000');
  // Choosing the default again hides the field and unsets the timeout.
  await useDefault.check();
  await expect(timeout).toBeHidden();
  await expect(call).not.toContainText('"timeoutInMillis"');
});

test('every API field an import brings is shown in API settings and editable: binary media types, the live API id', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const design = { format: 'apigw-design/1', api: { name: 'Files', endpointType: 'REGIONAL', restApiId: 'a1b2c3d4e5', binaryMediaTypes: ['image/png'] }, resources: { '/': {} } };
  await page.getByLabel('Import file').setInputFiles({ name: 'files.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(design)) });
  await expect(app.notice).toContainText('files.json');
  await page.getByRole('button', { name: /API settings/ }).click();
  const field = app.editor.getByLabel('Binary media types (comma-separated)');
  await expect(field).toHaveValue('image/png');
  // Typed key by key: the comma before the next type stays while it is typed.
  await field.click();
  await field.press('End');
  await field.pressSequentially(', application/pdf');
  await expect(field).toHaveValue('image/png, application/pdf');
  expect((await app.exportedDesign()).api.binaryMediaTypes).toEqual(['image/png', 'application/pdf']);
  const id = app.editor.getByLabel('Live API id (restApiId)');
  await expect(id).toHaveValue('a1b2c3d4e5');
  await id.fill('');
  expect((await app.exportedDesign()).api.restApiId).toBeUndefined();
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

test('pasting a Lambda function ARN offers its invocation URI, and one click uses it', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/pets');
  await app.addMethod('PUT');
  await app.editor.getByRole('button', { name: 'Lambda proxy', exact: true }).click();
  const uri = app.editor.getByLabel('Target ARN (uri)');
  await uri.fill('arn:aws:lambda:eu-west-1:123456789012:function:orders:live');
  const offer = app.editor.locator('.offer');
  await expect(offer).toContainText('arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders:live/invocations');
  await offer.getByRole('button', { name: 'Use the invocation URI' }).click();
  await expect(uri).toHaveValue('arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders:live/invocations');
  await expect(offer).toHaveCount(0);
  await expect(app.problems.locator('button.problem-item[data-pointer="/resources/~1pets/methods/PUT/integration/uri"]')).toHaveCount(0);
  // One undo step brings the pasted ARN back.
  await page.keyboard.press('Control+z');
  await expect(uri).toHaveValue('arn:aws:lambda:eu-west-1:123456789012:function:orders:live');
});

test('a new mock or HTTP integration starts with the console\'s 200 responses, and removing them is warned about', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/pets');
  await app.addMethod('PATCH');
  await app.editor.getByRole('button', { name: 'Mock', exact: true }).click();
  const methodResponses = page.locator('#sec-method-response');
  const integrationResponses = page.locator('#sec-integration-response');
  await expect(methodResponses.locator('.subcard-title')).toHaveText(['200']);
  await expect(integrationResponses.locator('.subcard-title')).toContainText(['method response 200']);
  await expect(app.problems.locator('button.problem-item[data-pointer^="/resources/~1pets/methods/PATCH"]')).toHaveCount(0);

  // Without them, callers would get a 500: an error at the method's responses says so, and
  // says when it fails, in AWS's words.
  await page.getByRole('button', { name: 'Remove integration response 200' }).click();
  await page.getByRole('button', { name: 'Remove method response 200' }).click();
  const error = app.problems.locator('button.problem-item.error[data-pointer="/resources/~1pets/methods/PATCH/methodResponses"]');
  await expect(error).toContainText('500');
  await expect(error.locator('.phase')).toHaveText('Callers will get an error');
  await expect(methodResponses.locator('.problem.error')).toContainText('500');
  await expect(methodResponses.locator('.problem.error .when')).toHaveText('Callers will get an error. AWS says: \u201cInternal server error\u201d');
  await error.click();
  await expect(methodResponses.getByLabel('New status code')).toBeFocused();
  // One undo of the kind choice takes the integration and its responses away together.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(methodResponses.locator('.subcard')).toHaveCount(0);
  await expect(app.editor.getByRole('button', { name: 'Mock', exact: true })).toBeVisible();
});

test('an endpoint URL with a {placeholder} that nothing fills is flagged at the URL', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets');
  const uri = page.locator('[id="/resources/~1pets/methods/GET/integration/uri"]');
  await uri.fill('https://backend.example.com/orders/{orderId}');
  const warning = app.problems.locator('button.problem-item.warning[data-pointer="/resources/~1pets/methods/GET/integration/uri"]');
  await expect(warning).toContainText('orderId');
  await expect(uri.locator('xpath=ancestor::div[contains(@class,"field-row")]').locator('.problem.warning')).toContainText('orderId');
  await uri.fill('https://backend.example.com/orders');
  await expect(warning).toHaveCount(0);
});

test('the REST wire preview names the ids it cannot know yet, and copies them that way', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets/{petId}');
  await app.preview.getByRole('button', { name: 'REST wire' }).click();
  const put = app.preview.locator('.call[data-operation="PutMethod"]');
  await expect(put).toContainText('PUT /restapis/{API id}/resources/{id of /pets/{petId}}/methods/GET');
  await expect(app.preview).not.toContainText('%40');
  await put.getByRole('button', { name: /^Copy/ }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split('\n')[0]).toBe('PUT /restapis/{API id}/resources/{id of /pets/{petId}}/methods/GET');
});

test('a model name is checked as I type it, and neither Enter nor the button adds one API Gateway would refuse', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await page.getByRole('button', { name: /API settings/ }).click();
  const name = app.editor.getByLabel('Add model', { exact: true });
  await name.fill('Pet List');
  await expect(app.editor.getByRole('button', { name: 'Add model', exact: true })).toBeDisabled();
  await expect(name.locator('xpath=ancestor::section[1]').locator('.problem.error')).toContainText('alphanumeric');
  await name.press('Enter');
  await expect(app.editor.getByLabel('Name of model Pet List')).toHaveCount(0);
  await name.fill('Pet');
  await expect(app.editor.getByRole('button', { name: 'Add model', exact: true })).toBeDisabled();
  await expect(name.locator('xpath=ancestor::section[1]')).toContainText('There is a model of that name already');
  await name.fill('PetList');
  await name.press('Enter');
  await expect(app.editor.getByLabel('Name of model PetList')).toBeVisible();
});
