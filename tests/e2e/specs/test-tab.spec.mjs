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

// "Run on API Gateway" against a recording upstream: a tiny server in place of apigw-proxy
// that lists one API and answers TestInvokeMethod with an answer in the shape the API
// reference gives (https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html).
test('Run on API Gateway shows API Gateway\'s own test beside the local one, and where they differ', async ({ page }) => {
  const { createServer } = await import('node:http');
  const { readFileSync } = await import('node:fs');
  const seen = [];
  const recorded = {
    status: 200,
    body: '{"id": 7, "type": "dog", "price": 249.99}',
    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', 'X-Amzn-Trace-Id': 'Root=1-5f84c7a9-4f0e1c2d3b4a5968778899aa' },
    multiValueHeaders: { 'Content-Type': ['application/json'], 'Access-Control-Allow-Origin': ['*'], 'X-Amzn-Trace-Id': ['Root=1-5f84c7a9-4f0e1c2d3b4a5968778899aa'] },
    log: 'Execution log for request 8d1c2b3a-0000-4000-8000-000000000007\nMon Dec 01 04:00:00 UTC 2026 : Starting execution for request: 8d1c2b3a-0000-4000-8000-000000000007\nMon Dec 01 04:00:00 UTC 2026 : HTTP Method: GET, Resource Path: /pets/7\nMon Dec 01 04:00:00 UTC 2026 : Method completed with status: 200',
    latency: 41,
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, accept');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, PUT, DELETE, OPTIONS');
      if (req.method === 'OPTIONS') { res.writeHead(204); res.end(); return; }
      seen.push({ method: req.method, url: req.url, body, auth: req.headers.authorization });
      res.setHeader('Content-Type', 'application/json');
      if (req.method === 'GET' && req.url.startsWith('/restapis')) {
        res.end(JSON.stringify({ item: [{ id: 'a1b2c3', name: 'PetStore' }] }));
      } else if (req.method === 'POST' && req.url === '/restapis/a1b2c3/resources/r7/methods/GET') {
        res.end(JSON.stringify(recorded));
      } else {
        res.writeHead(404);
        res.end(JSON.stringify({ message: 'Invalid Resource identifier specified' }));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  try {
    const app = new Designer(page);
    await app.open();
    // The PetStore as loaded from that API: its resources keep their live ids.
    const design = JSON.parse(readFileSync(new URL('../../../fixtures/designs/petstore.json', import.meta.url), 'utf8'));
    design.resources['/'].id = 'r00t';
    design.resources['/pets'].id = 'p3ts';
    design.resources['/pets/{petId}'].id = 'r7';
    await page.getByLabel('Import file').setInputFiles({ name: 'loaded.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(design)) });
    await expect(app.notice).toContainText('Imported');
    // Not connected yet: nothing to run on.
    await app.selectMethod('GET', '/pets/{petId}');
    await openTest(app);
    await expect(page.getByRole('button', { name: 'Run on API Gateway' })).toHaveCount(0);

    await page.goto(`./#connect=${encodeURIComponent(url)}&token=secret-token`);
    const panel = page.getByRole('complementary', { name: 'Deploy and load' });
    await panel.getByRole('button', { name: 'Connect' }).click();
    await panel.locator('#live-target').selectOption('a1b2c3');
    await panel.getByRole('button', { name: 'Close' }).click();

    await app.selectMethod('GET', '/pets/{petId}');
    await openTest(app);
    const test = page.locator('#test-panel');
    await test.getByLabel('Path parameter petId').fill('7');
    await test.getByLabel('Query string').fill('note=a b&x=1');
    await test.getByRole('button', { name: 'Run on API Gateway' }).click();
    await expect(test.getByTestId('aws-status')).toHaveText('200');
    await expect(test.getByTestId('aws-body')).toHaveText(recorded.body);
    await expect(test.getByTestId('aws-log')).toContainText('Method completed with status: 200');
    // The local answer is the simulated back end's example body: the bodies differ, and
    // API Gateway's tracing header is not counted as a difference.
    await expect(test.getByTestId('aws-differences')).toContainText('body: the bodies differ');
    await expect(test.getByTestId('aws-differences')).not.toContainText('X-Amzn-Trace-Id');

    const call = seen.find((s) => s.method === 'POST');
    expect(call.url).toBe('/restapis/a1b2c3/resources/r7/methods/GET');
    expect(call.auth).toBe('Bearer secret-token');
    const sent = JSON.parse(call.body);
    expect(sent.pathWithQueryString).toBe('/pets/7?note=a%20b&x=1');

    // A back end's answer made the same as API Gateway's: nothing differs.
    await test.getByLabel('Body', { exact: true }).fill(recorded.body);
    await expect(test.getByTestId('aws-differences')).toHaveText('The same status, headers and body as here.');
    expect(app.errors).toEqual([]);
  } finally {
    server.close();
  }
});
