// Story: the live path, app → apigw-proxy → the local sandbox (LocalStack's API Gateway), all
// started here on loopback. I load an API someone made with boto3, edit it, review the diff and
// deploy it; boto3 sees the change. I edit a method that is already live, and the sandbox
// takes the update. Then I deploy a design built in the UI to a new API and read it back equal.
import { test, expect } from '@playwright/test';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Designer } from '../pages/designer.mjs';
import { Sandbox } from '../support/sandbox.mjs';

test.describe.configure({ mode: 'serial' });

let sandbox;
test.beforeAll(async ({ baseURL }) => {
  sandbox = await new Sandbox().start(new URL(baseURL).origin);
});
test.afterAll(() => sandbox?.stop());

async function openConnected(page) {
  const app = new Designer(page);
  await app.open();
  await page.goto('./#' + sandbox.fragment());
  const panel = page.getByRole('complementary', { name: 'Deploy and load' });
  await expect(panel).toBeVisible();
  await expect(panel.locator('#live-url')).toHaveValue(sandbox.url);
  // The token does not stay in the address bar, and lives for this tab only.
  await expect.poll(() => page.url()).not.toContain(sandbox.token);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(sandbox.token);
  expect(await page.evaluate(() => sessionStorage.getItem('apigw-designer.proxy-token'))).toBe(sandbox.token);
  await panel.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.locator('#live-target')).toBeVisible();
  return { app, panel };
}

test('load an API made with boto3, edit it, deploy only the change; boto3 sees it', async ({ page }) => {
  const { id } = sandbox.boto('create', 'Inventory');
  const { app, panel } = await openConnected(page);
  await panel.locator('#live-target').selectOption(id);
  await panel.getByRole('button', { name: 'Load into designer' }).click();
  await expect(app.row('/items')).toBeVisible();
  await expect(page.locator('.api-name .name')).toHaveText('Inventory');

  // Edit: a new resource with a new method and integration.
  await app.selectResource('/');
  await app.addChild('orders');
  await app.selectResource('/orders');
  await app.addMethod('POST');
  await app.editor.getByRole('button', { name: 'Mock', exact: true }).click();

  await page.getByTestId('open-live').click();
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: 'Review deploy…' }).click();
  const review = panel.getByTestId('review');
  await expect(review).toBeVisible();
  const ops = await review.locator('.change-list .op').allTextContents();
  // The mock came with the console's 200 method and integration responses.
  expect(ops).toEqual(['CreateResource', 'PutMethod', 'PutMethodResponse', 'PutIntegration', 'PutIntegrationResponse']);
  await app.screenshot('live-review');
  await review.getByRole('button', { name: 'Deploy 5 calls' }).click();
  const progress = panel.getByTestId('progress');
  await expect(progress.locator('h3')).toHaveText('Deploy: 5 of 5 done');
  await app.screenshot('live-deployed');

  const method = sandbox.boto('method', id, '/orders', 'POST');
  expect(method.httpMethod).toBe('POST');
  expect(method.authorizationType).toBe('NONE');
  const integration = sandbox.boto('integration', id, '/orders', 'POST');
  expect(integration.type).toBe('MOCK');
  expect(method.methodResponses['200'].responseModels).toEqual({ 'application/json': 'Empty' });
  expect(integration.integrationResponses['200'].statusCode).toBe('200');
  // Nothing else was touched: the existing method is as boto3 made it.
  expect(sandbox.boto('integration', id, '/items', 'GET').requestTemplates).toEqual({ 'application/json': '{"statusCode": 200}' });
  expect(app.errors).toEqual([]);
});

test('rename a live resource: one UpdateResource, and boto3 sees the same resource, id and methods, at its new path', async ({ page }) => {
  const { id } = sandbox.boto('create', 'Renamed');
  const before = sandbox.boto('ids', id);
  const { app, panel } = await openConnected(page);
  await panel.locator('#live-target').selectOption(id);
  await panel.getByRole('button', { name: 'Load into designer' }).click();
  await expect(app.row('/items')).toBeVisible();

  await app.selectResource('/items');
  const rename = app.editor.getByLabel('Path part (rename)');
  await rename.fill('products');
  await rename.press('Enter');
  await expect(app.row('/products')).toBeVisible();

  await page.getByTestId('open-live').click();
  await panel.getByRole('button', { name: 'Review deploy…' }).click();
  const review = panel.getByTestId('review');
  await expect(review).toBeVisible();
  expect(await review.locator('.change-list .op').allTextContents()).toEqual(['UpdateResource']);
  await expect(review).toContainText('/pathPart');
  await review.getByRole('button', { name: 'Deploy 1 call' }).click();
  await expect(panel.getByTestId('progress').locator('h3')).toHaveText('Deploy: 1 of 1 done');

  const after = sandbox.boto('ids', id);
  expect(after['/products']).toBe(before['/items']);
  expect(after['/items']).toBeUndefined();
  expect(sandbox.boto('method', id, '/products', 'GET').httpMethod).toBe('GET');
  expect(app.errors).toEqual([]);
});

test('edit a method that is live, deploy its update, and boto3 reads the change back', async ({ page }) => {
  const { id } = sandbox.boto('create-http', 'Catalog');
  const { app, panel } = await openConnected(page);
  await panel.locator('#live-target').selectOption(id);
  await panel.getByRole('button', { name: 'Load into designer' }).click();
  await expect(page.locator('.api-name .name')).toHaveText('Catalog');

  // Edit the existing method: its endpoint, a new query parameter, and its mapping.
  await app.selectMethod('GET', '/items');
  await app.editor.getByLabel('Endpoint URL (uri)').fill('https://example.com/v2/items');
  await app.editor.getByLabel('Add query string').fill('limit');
  await app.editor.getByRole('button', { name: 'Add query string' }).click();
  await app.editor.getByLabel('Add mapping').fill('integration.request.querystring.limit');
  await app.editor.getByRole('button', { name: 'Add mapping' }).click();
  await app.editor.getByLabel('value of integration.request.querystring.limit').fill('method.request.querystring.limit');

  await page.getByTestId('open-live').click();
  await panel.getByRole('button', { name: 'Review deploy…' }).click();
  const review = panel.getByTestId('review');
  await expect(review).toBeVisible();
  expect(await review.locator('.change-list .op').allTextContents()).toEqual(['UpdateMethod', 'UpdateIntegration']);
  await review.getByRole('button', { name: 'Deploy 2 calls' }).click();
  await expect(panel.getByTestId('progress').locator('h3')).toHaveText('Deploy: 2 of 2 done');

  const integration = sandbox.boto('integration', id, '/items', 'GET');
  expect(integration.uri).toBe('https://example.com/v2/items');
  expect(integration.requestParameters).toEqual({
    'integration.request.querystring.q': 'method.request.querystring.q',
    'integration.request.querystring.limit': 'method.request.querystring.limit',
  });
  const method = sandbox.boto('method', id, '/items', 'GET');
  expect(method.requestParameters).toEqual({ 'method.request.querystring.q': false, 'method.request.querystring.limit': false });
  // The loop is closed: reviewing again finds nothing to send.
  await panel.getByRole('button', { name: 'Review deploy…' }).click();
  await expect(review.locator('.hint')).toContainText('0 to create or put, 0 to update, 0 to delete');
  expect(app.errors).toEqual([]);
});

test('deploy a design built in the UI to a new API and read it back equal', async ({ page }) => {
  const { app, panel } = await openConnected(page);
  await page.getByRole('button', { name: 'PetStore example' }).click();
  await page.getByTestId('open-live').click();
  await expect(panel.locator('#live-target')).toHaveValue('');
  await panel.locator('#live-stage').fill('dev');
  await panel.getByRole('button', { name: 'Review deploy…' }).click();
  const review = panel.getByTestId('review');
  await expect(review.locator('.hint')).toContainText('to a new API');
  const count = await review.locator('.change-list li').count();
  expect(count).toBeGreaterThan(20);
  await review.getByRole('button', { name: `Deploy ${count} calls` }).click();
  await expect(panel.getByTestId('progress').locator('h3')).toHaveText(`Deploy: ${count} of ${count} done`, { timeout: 30_000 });
  const id = await panel.locator('#live-target').inputValue();
  expect(id).not.toBe('');
  // The deploy did not edit the design: its id is the connection's, not a step to undo.
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /PetStore example/);
  expect((await app.exportedDesign()).api.restApiId).toBeUndefined();

  // Read back: the live API equals the design, so the diff from it is empty.
  const mine = await app.exportedDesign();
  const file = join(mkdtempSync(join(tmpdir(), 'apigw-e2e-')), 'design.json');
  writeFileSync(file, JSON.stringify(mine));
  const pulled = JSON.parse(sandbox.apigw('pull', '--rest-api-id', id));
  expect(Object.keys(pulled.resources).sort()).toEqual(Object.keys(mine.resources).sort());
  const dry = sandbox.apigwRun('deploy', file, '--rest-api-id', id, '--dry-run').stderr;
  expect(dry).toContain('0 to create or put, 0 to update, 0 to delete');
  // And the panel now diffs against that API: nothing to send (no stage, so no deployment).
  await panel.locator('#live-stage').fill('');
  await panel.getByRole('button', { name: 'Review deploy…' }).click();
  await expect(review.locator('.hint')).toContainText('0 to create or put, 0 to update, 0 to delete');
  // The target stays with the connection across a reload.
  await page.reload();
  await page.getByTestId('open-live').click();
  await panel.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.locator('#live-target')).toHaveValue(id);
  expect(app.errors).toEqual([]);
});
