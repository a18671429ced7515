// Story: a design full of hostile names (line breaks, NUL, $( ), quotes, markup) is shown as
// text, and every download the app offers keeps them inert: the CLI script runs nothing but
// `aws`, with exactly the plan's parameters.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Designer, openExports } from '../pages/designer.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIR = mkdtempSync(join(tmpdir(), 'apigw-hostile-'));
const CANARY = join(DIR, 'canary');
test.afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** The shared corpus, with CANARY made a path in this test's folder. */
function corpus() {
  const { values } = JSON.parse(readFileSync(`${ROOT}tests/hostile/corpus.json`, 'utf8'));
  return values.filter((v) => v !== 'LONG').map((v) => v.replaceAll('CANARY', CANARY)).concat(['long ' + '$(touch CANARY)\''.replaceAll('CANARY', CANARY).repeat(5000)]);
}

/** A design with one resource per hostile value, each value in every field of its method. */
function hostileDesign(values) {
  const design = { format: 'apigw-design/1', api: { name: values[15], description: values[0] }, authorizers: {}, requestValidators: {}, models: {}, resources: { '/': {} } };
  values.forEach((v, i) => {
    design.authorizers[v] = { type: 'TOKEN', authorizerUri: v, identitySource: 'method.request.header.Authorization' };
    design.requestValidators[v] = { validateRequestBody: true, validateRequestParameters: false };
    design.models[v] = { contentType: 'application/json', schema: v };
    const part = `r${i}-${v.replaceAll('/', '_').slice(0, 500)}`;
    design.resources[`/${part}`] = { methods: { POST: {
      authorizationType: 'CUSTOM', authorizer: v, operationName: v, requestValidator: v,
      requestParameters: { [`method.request.header.${v}`]: true },
      requestModels: { 'application/json': v },
      methodResponses: { 200: { responseParameters: { [`method.response.header.${v}`]: false }, responseModels: { 'application/json': v } } },
      integration: { type: 'HTTP', integrationHttpMethod: 'POST', uri: v, credentials: v,
        requestParameters: { [`integration.request.header.${v}`]: v },
        requestTemplates: { 'application/json': v },
        integrationResponses: { 200: { selectionPattern: v, responseParameters: { [`method.response.header.${v}`]: v }, responseTemplates: { 'application/json': v } } } },
    } } };
  });
  return design;
}

async function download(page, testId) {
  const event = page.waitForEvent('download');
  await openExports(page);
  await page.getByTestId(testId).click();
  return readFileSync(await (await event).path(), 'utf8');
}

/** The `aws` calls the fake recorded, as argument lists (see tests/hostile/fakebin/aws). */
function recorded(log) {
  if (!existsSync(log)) return [];
  const fields = readFileSync(log, 'utf8').split('\0');
  const calls = [];
  for (let i = 0; i < fields.length - 1;) {
    const count = Number(fields[i++]);
    const args = fields.slice(i, i + count);
    i += count;
    const stdin = args.indexOf('file:///dev/stdin');
    if (stdin >= 0) { args[stdin] = fields[i + 1]; i += 2; }
    calls.push(args);
  }
  return calls;
}

test('hostile names are text on the page and inert in every download', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new Designer(page);
  await app.open();
  const values = corpus();
  const design = hostileDesign(values);
  const input = join(DIR, 'hostile.json');
  writeFileSync(input, JSON.stringify(design));
  await page.getByLabel('Import file').setInputFiles(input);
  await expect(app.notice).toContainText('Imported the design');

  // On the page: text, never markup.
  await expect(page.locator('.api-name .name')).toHaveText(values[15]);
  await expect(app.row(`/r10-${values[10].replaceAll('/', '_')}`)).toBeVisible();
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await app.selectMethod('POST', `/r15-${values[15].replaceAll('/', '_')}`);
  await expect(app.editor.getByLabel('Operation name')).toHaveValue(values[15]);
  await app.screenshot('hostile-names');

  // The design and the plan read back; the OpenAPI document is JSON.
  const mine = JSON.parse(await download(page, 'export-design'));
  expect(mine.api.name).toBe(values[15]);
  expect(Object.keys(mine.authorizers).sort()).toEqual([...values].sort());
  const plan = JSON.parse(await download(page, 'export-plan'));
  const openapi = JSON.parse(await download(page, 'export-openapi'));
  expect(openapi.info.title).toBe(values[15]);

  // The CLI script runs with nothing but the fakes on PATH: only `aws` runs, with the plan's
  // parameters in order, and no canary file appears.
  const script = join(DIR, 'deploy.sh');
  writeFileSync(script, await download(page, 'export-script'));
  const log = join(DIR, 'aws.log');
  const run = spawnSync('/bin/bash', [script, 'API123'], { env: { PATH: `${ROOT}tests/hostile/fakebin`, FAKE_AWS_LOG: log }, encoding: 'utf8' });
  expect(existsSync(`${log}.ran`) ? readFileSync(`${log}.ran`, 'utf8') : '').toBe('');
  expect(existsSync(CANARY)).toBe(false);
  expect(run.status, run.stderr).toBe(0);
  const calls = recorded(log);
  expect(calls.length).toBe(plan.calls.length + 1);
  const ids = new Set(['restApiId', 'parentId', 'resourceId', 'authorizerId', 'requestValidatorId']);
  plan.calls.forEach((call, i) => {
    const args = calls[i + 1];
    const json = args[args.indexOf('--cli-input-json') + 1];
    const expected = Object.fromEntries(Object.entries(call.params).filter(([k]) => !ids.has(k)));
    expect(JSON.parse(json), `call ${i} ${call.operation}`).toEqual(expected);
  });
  expect(app.errors).toEqual([]);
});
