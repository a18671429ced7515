// Story: I test a method in the designer, as in the console's Test tab, and see what API
// Gateway would do with the request, updated as I edit the design or the request.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

const EXPORT = new URL('../../../../shared/fixtures/openapi/petstore-aws-export-oas30-with-extensions.json', import.meta.url);

async function openTest(app) {
  await app.editor.getByRole('tab', { name: 'Test' }).click();
  await expect(app.editor.getByRole('tabpanel')).toHaveAttribute('id', 'test-panel');
}

test('GET /pets/{petId} with petId 7 calls the back end at /pets/7, and a MOCK response follows its template as I type', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await page.getByRole('button', { name: 'PetStore example' }).click();
  await app.selectMethod('GET', '/pets/{petId}');
  await openTest(app);
  const panel = page.locator('#test-panel');
  await panel.getByLabel('Path parameter petId').fill('7');
  await expect(panel.getByTestId('test-integration-url')).toHaveText('GET http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets/7');
  // The back end's simulated answer is what the method answers (a non-proxy passthrough).
  await panel.getByLabel('Body', { exact: true }).fill('{"id": 7, "type": "dog"}');
  await expect(panel.getByTestId('test-status')).toHaveText('200');
  await expect(panel.getByTestId('test-response-body')).toHaveText('{"id": 7, "type": "dog"}');
  expect((await panel.getByTestId('test-log').textContent()).length).toBeGreaterThan(20);

  // The integration becomes a MOCK whose response template reads the path parameter.
  await app.editor.getByRole('tab', { name: 'Method execution' }).click();
  await app.editor.getByLabel('Integration type').selectOption('MOCK');
  await app.editor.getByLabel('Add template (integration response 200)').fill('application/json');
  await app.editor.getByRole('button', { name: 'Add template (integration response 200)' }).click();
  const template = app.editor.getByLabel('application/json template (template, integration response 200)');
  await template.click();
  await template.pressSequentially(`{"pet": "$input.params('petId')"}`);
  await expect(app.editor.getByTestId('template-output').last()).toHaveText('{"pet": "7"}');
  await openTest(app);
  await expect(panel.getByTestId('test-response-body')).toHaveText('{"pet": "7"}');
  await expect(panel.getByTestId('test-integration-url')).toContainText('No request reached a back end');
  // The response follows the path parameter as it is typed.
  const petId = panel.getByLabel('Path parameter petId');
  await petId.fill('');
  await petId.pressSequentially('42');
  await expect(panel.getByTestId('test-response-body')).toHaveText('{"pet": "42"}');
  // A MOCK has no back end to simulate.
  await expect(panel.getByLabel('Status')).toHaveCount(0);
  // Typing 42 is one undo step: undo brings back 7.
  await petId.blur();
  await page.keyboard.press('Control+z');
  await expect(petId).toHaveValue('7');
  await expect(panel.getByTestId('test-response-body')).toHaveText('{"pet": "7"}');
  expect(app.errors).toEqual([]);
});

test('an AWS example API imported from OpenAPI is tested, and a log line goes to its field', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await page.getByLabel('Import file').setInputFiles(EXPORT.pathname);
  await expect(app.notice).toContainText('Imported');
  await app.selectMethod('GET', '/pets');
  await openTest(app);
  const panel = page.locator('#test-panel');
  await panel.getByLabel('Query string').fill('type=cat&page=2');
  await expect(panel.getByTestId('test-integration-url')).toContainText('GET http://petstore.execute-api.');
  await expect(panel.getByTestId('test-integration-url')).toContainText('type=cat');
  await expect(panel.getByTestId('test-integration-url')).toContainText('page=2');
  await expect(panel.getByTestId('test-status')).toHaveText('200');

  // A log line with a field behind it selects that field in the method execution.
  const line = panel.getByTestId('test-log').locator('button.log-line').filter({ hasText: /uri|URI|Endpoint request URI/ }).first();
  const linked = (await line.count()) ? line : panel.getByTestId('test-log').locator('button.log-line').first();
  const pointer = await linked.getAttribute('data-pointer');
  await linked.click();
  await expect(app.editor.getByRole('tab', { name: 'Method execution' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[id]')?.id ?? '')).toContain(pointer.split('/').slice(0, 6).join('/'));
  expect(app.errors).toEqual([]);
});

test('the test request is saved with the method and survives a reload', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets/{petId}');
  await openTest(app);
  const panel = page.locator('#test-panel');
  await panel.getByLabel('Path parameter petId').fill('1234');
  await panel.getByLabel('Headers (Name: value, one per line)').first().fill('X-Trace: <script>alert(1)</script>');
  await expect(panel.getByTestId('test-integration-url')).toContainText('/pets/1234');
  await app.saved();
  await page.reload();
  await expect(app.editor.locator('h2').first()).toContainText('/pets/{petId}');
  await openTest(app);
  await expect(panel.getByLabel('Path parameter petId')).toHaveValue('1234');
  await expect(panel.getByLabel('Headers (Name: value, one per line)').first()).toHaveValue('X-Trace: <script>alert(1)</script>');
  await expect(panel.getByTestId('test-integration-url')).toContainText('/pets/1234');
  // Saved in the design: the exported design document holds it.
  const design = await app.exportedDesign();
  expect(design.resources['/pets/{petId}'].methods.GET.testRequest.pathParameters.petId).toBe('1234');
  // Nothing the user typed became markup.
  expect(await page.locator('#test-panel script').count()).toBe(0);
  expect(app.errors).toEqual([]);
});
