// Stories of what a user switching from the console reaches for: gateway responses, and CORS
// that covers API Gateway's own errors.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Designer, openExports } from '../pages/designer.mjs';

/** The OpenAPI document the Export → OpenAPI button downloads, parsed. */
async function exportedOpenApi(page) {
  const download = page.waitForEvent('download');
  await openExports(page);
  await page.getByTestId('export-openapi').click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

test('I give DEFAULT_4XX a status, a CORS header and a template; the request, the problems and the export follow', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await page.getByRole('button', { name: /API settings/ }).click();
  const card = page.locator('#sec-gateway-responses');
  await card.getByLabel('Gateway response type').selectOption('DEFAULT_4XX');
  await card.getByRole('button', { name: 'Add gateway response' }).click();
  await expect(card.locator('.subcard-title')).toHaveText(['DEFAULT_4XX']);
  // The type is no longer offered, and the preview shows the call that sets it.
  await expect(card.getByLabel('Gateway response type').locator('option', { hasText: 'DEFAULT_4XX' })).toHaveCount(0);

  await card.getByLabel('Add header (gateway response DEFAULT_4XX)').fill('Access-Control-Allow-Origin');
  await card.getByRole('button', { name: 'Add header (gateway response DEFAULT_4XX)' }).click();
  await card.getByLabel(/^value of Access-Control-Allow-Origin/).fill("'*'");
  await card.getByLabel('Add template (gateway response DEFAULT_4XX)').fill('application/json');
  await card.getByRole('button', { name: 'Add template (gateway response DEFAULT_4XX)' }).click();
  await card.getByLabel(/^application\/json template/).fill('{"message": $context.error.messageString, "requestId": "$context.requestId"}');

  const status = card.getByLabel('Status code, gateway response DEFAULT_4XX');
  await status.fill('99');
  const problem = app.problems.locator('button.problem-item.error[data-pointer="/gatewayResponses/DEFAULT_4XX/statusCode"]');
  await expect(problem).toHaveCount(1);
  await expect(status.locator('xpath=ancestor::div[contains(@class,"field-row")]').locator('.problem.error')).toBeVisible();
  await status.fill('400');
  await expect(problem).toHaveCount(0);

  const call = app.preview.locator('.call[data-operation="PutGatewayResponse"]');
  await expect(call).toContainText('"responseType": "DEFAULT_4XX"');
  await expect(call).toContainText('"gatewayresponse.header.Access-Control-Allow-Origin": "\'*\'"');
  await expect(call).toContainText('"statusCode": "400"');

  const openapi = await exportedOpenApi(page);
  expect(openapi['x-amazon-apigateway-gateway-responses'].DEFAULT_4XX).toEqual({
    statusCode: '400',
    responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
    responseTemplates: { 'application/json': '{"message": $context.error.messageString, "requestId": "$context.requestId"}' },
  });

  // Removing it is one step, and undoing that brings it back whole.
  await card.getByRole('button', { name: 'Remove gateway response DEFAULT_4XX' }).click();
  await expect(card.locator('.subcard')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(status).toHaveValue('400');
  expect(app.errors).toEqual([]);
});

test('Enable CORS covers API Gateway\'s own errors, with max age and credentials, as one undo step', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/pets');
  await app.editor.getByRole('button', { name: 'Enable CORS…' }).click();
  await app.editor.getByLabel('Access-Control-Allow-Origin').fill("'https://app.example.com'");
  await app.editor.getByLabel('Access-Control-Max-Age (seconds)').fill('600');
  await app.editor.getByLabel('Access-Control-Allow-Credentials: true').check();
  const changes = app.editor.getByRole('list', { name: 'CORS changes' });
  await expect(changes).toContainText('gateway response DEFAULT_4XX');
  await expect(changes).toContainText('gateway response DEFAULT_5XX');
  await app.editor.getByRole('button', { name: 'Apply' }).click();

  const openapi = await exportedOpenApi(page);
  const responses = openapi['x-amazon-apigateway-gateway-responses'];
  for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
    expect(responses[type].responseParameters).toEqual({
      'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
      'gatewayresponse.header.Access-Control-Allow-Headers': expect.stringContaining('Authorization'),
      'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
    });
  }
  const preflight = openapi.paths['/pets'].options['x-amazon-apigateway-integration'].responses.default.responseParameters;
  expect(preflight['method.response.header.Access-Control-Max-Age']).toBe("'600'");
  expect(preflight['method.response.header.Access-Control-Allow-Credentials']).toBe("'true'");

  // One undo takes all of it back, the gateway responses too.
  await page.keyboard.press('Control+z');
  expect((await exportedOpenApi(page))['x-amazon-apigateway-gateway-responses']).toBeUndefined();
  expect(app.errors).toEqual([]);
});

const EXPORT = new URL('../../../../shared/fixtures/openapi/petstore-aws-export-oas30-with-extensions.json', import.meta.url);

test('I merge AWS\'s PetStore export into my design: every change is listed first, my own resources stay, and it is one undo step', async ({ page }) => {
  const { existsSync } = await import('node:fs');
  if (!existsSync(EXPORT)) {
    console.log(`notice: ${EXPORT.pathname} is absent; the merge story is skipped`);
    test.skip();
  }
  const app = new Designer(page);
  await app.open();
  await app.newApi();
  // My design: /orders with a method, and a GET /pets of my own that the file will replace.
  await app.addChild('orders');
  await app.addMethod('GET');
  await app.editor.getByRole('button', { name: 'Mock', exact: true }).click();
  await app.selectResource('/');
  await app.addChild('pets');
  await app.addMethod('GET');
  await app.editor.getByRole('button', { name: 'Mock', exact: true }).click();

  await page.getByLabel('Merge file').setInputFiles(EXPORT.pathname);
  const panel = page.getByRole('dialog', { name: /^Merge petstore-aws-export/ });
  await expect(panel).toBeVisible();
  const changes = panel.getByRole('list', { name: 'Changes' });
  await expect(changes).toContainText('GET /pets');
  await expect(changes).toContainText('/pets/{petId}');
  await expect(changes).not.toContainText('/orders');
  await app.screenshot('merge-review');
  // Overwrite would delete what the file does not have: it says so before anything happens.
  await panel.getByRole('button', { name: 'Overwrite' }).click();
  await expect(changes.locator('.change-delete')).toContainText(['/orders']);
  await panel.getByRole('button', { name: 'Merge', exact: true }).click();
  await panel.getByRole('button', { name: /^Apply/ }).click();
  await expect(panel).toBeHidden();

  await expect(app.row('/orders')).toBeVisible();
  await expect(app.row('/{petId}')).toBeVisible();
  const design = await app.exportedDesign();
  expect(design.resources['/orders'].methods.GET.integration.type).toBe('MOCK');
  expect(design.resources['/pets'].methods.GET.integration.type).toBe('HTTP');
  expect(Object.keys(design.resources['/pets'].methods).sort()).toEqual(['GET', 'OPTIONS', 'POST']);

  // One undo takes the whole merge back.
  await page.keyboard.press('Control+z');
  await expect(app.row('/{petId}')).toHaveCount(0);
  expect((await app.exportedDesign()).resources['/pets'].methods.GET.integration.type).toBe('MOCK');
  expect(app.errors).toEqual([]);
});
