// A new user who knows API Gateway builds an API from nothing: a Lambda proxy, an HTTP POST
// with a mapping template, and a mock. Each step starts as the console would start it, says
// what is missing where it is missing, and ends with nothing to fix.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

test('from an empty API to a Lambda proxy, an HTTP POST with a template and a mock, with nothing left to fix', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new Designer(page);
  await app.open();
  await app.newApi();
  await expect(app.editor.locator('.empty-state')).toContainText('Every API starts with this root resource');

  // POST /orders → an HTTP back end, with a mapping template.
  await app.editor.getByLabel('New resource path part').fill('orders');
  await app.editor.getByLabel('New resource path part').press('Enter');
  await expect(app.editor.locator('h2').first()).toHaveText('/orders');
  await app.addMethod('POST');
  await app.editor.getByRole('button', { name: 'HTTP', exact: true }).click();
  await expect(app.editor.locator('[id="/resources/~1orders/methods/POST/integration/integrationHttpMethod"]')).toHaveValue('POST');
  // The console's 200 responses are there from the start.
  await expect(page.locator('#sec-method-response .subcard-title')).toHaveText(['200']);
  await expect(page.locator('#sec-integration-response .subcard-title')).toContainText(['method response 200']);
  const uri = page.locator('[id="/resources/~1orders/methods/POST/integration/uri"]');
  await uri.fill('https://backend.example.com/orders/{tenant}');
  // A placeholder nothing fills is pointed out at the URL as it is typed.
  await expect(uri.locator('xpath=ancestor::div[contains(@class,"field-row")]').locator('.problem.warning')).toContainText('tenant');
  await uri.fill('https://backend.example.com/orders');
  await app.editor.getByLabel('Add template (integration request)').fill('application/json');
  await app.editor.getByRole('button', { name: 'Add template (integration request)' }).click();
  await app.editor.getByLabel('application/json template (template, integration request)').fill('{"item": $input.json(\'$.item\'), "caller": "$context.identity.sourceIp"}');
  // The template's content type and its remove button share a line; the template is below.
  const row = app.editor.locator('.map-row.template').first();
  const [key, remove, body] = await Promise.all([row.locator('textarea.key'), row.getByRole('button'), row.locator('textarea.template')].map((l) => l.boundingBox()));
  expect(Math.abs(key.y - remove.y)).toBeLessThan(key.height);
  expect(body.y).toBeGreaterThanOrEqual(key.y + key.height - 1);

  // GET /orders/{id} → a Lambda proxy, named by pasting the function's ARN.
  await app.selectResource('/orders');
  await app.addChild('{id}');
  await app.addMethod('GET');
  await app.editor.getByRole('button', { name: 'Lambda proxy', exact: true }).click();
  const lambda = app.editor.getByLabel('Target ARN (uri)');
  await expect(lambda).toHaveValue('');
  await expect(app.problems.locator('button.problem-item.error[data-pointer="/resources/~1orders~1{id}/methods/GET/integration/uri"]')).toHaveCount(1);
  await lambda.fill('arn:aws:lambda:us-east-1:123456789012:function:get-order');
  await app.editor.getByRole('button', { name: 'Use the invocation URI' }).click();
  await expect(lambda).toHaveValue(/^arn:aws:apigateway:us-east-1:lambda:path\/2015-03-31\/functions\/.*\/invocations$/);
  // A proxy integration has no response mappings to make.
  await expect(page.locator('#sec-method-response .subcard')).toHaveCount(0);

  // GET /health → a mock.
  await app.selectResource('/');
  await app.addChild('health');
  await app.addMethod('GET');
  await app.editor.getByRole('button', { name: 'Mock', exact: true }).click();
  await expect(page.locator('#sec-method-response .subcard-title')).toHaveText(['200']);

  // Nothing to fix: no errors, no warnings.
  await expect(app.status.locator('.status-errors')).toHaveText(/\b0 errors\b/);
  await expect(app.status.locator('.status-warnings')).toHaveText(/\b0 warnings\b/);
  await expect(app.problems.locator('.empty-state')).toContainText('No problems');

  // The tree reads as written, and finds the Lambda method by its kind.
  const parts = await app.tree.locator('.tree-row').evaluateAll((rows) => rows.map((r) => r.querySelector('.part, .verb').textContent));
  expect(parts).toEqual(['/', '/health', 'GET', '/orders', 'POST', '/{id}', 'GET']);
  await page.getByLabel('Filter resources and methods').fill('lambda');
  await expect(page.locator('.tree-count')).toHaveText('1 method match');
  await page.getByLabel('Filter resources and methods').press('Escape');

  // The requests read with the ids they cannot know yet named.
  await app.selectMethod('POST', '/orders');
  await app.preview.getByRole('button', { name: 'REST wire' }).click();
  await expect(app.preview.locator('.call[data-operation="PutIntegration"]')).toContainText('PUT /restapis/{API id}/resources/{id of /orders}/methods/POST/integration');

  // The exported design is what was built, and survives a reload with its undo history.
  const design = await app.exportedDesign();
  expect(design.resources['/orders'].methods.POST.integration.requestTemplates['application/json']).toContain('$input.json');
  expect(design.resources['/health'].methods.GET.methodResponses['200']).toBeTruthy();
  await app.saved();
  await page.reload();
  await expect(app.row('/health')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
  expect(app.errors).toEqual([]);
});
