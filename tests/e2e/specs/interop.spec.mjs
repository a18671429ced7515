// Story: I drag AWS's own OpenAPI export of an API onto the page; the API loads with what it
// could not carry listed in Problems, and exporting OpenAPI gives the same paths back.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Designer, openExports } from '../pages/designer.mjs';

const EXPORT = new URL('../../../../shared/fixtures/openapi/petstore-aws-export-oas30-with-extensions.json', import.meta.url);

async function drop(page, name, text) {
  const data = await page.evaluateHandle(({ name, text }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: 'application/json' }));
    return dt;
  }, { name, text });
  await page.dispatchEvent('body', 'drop', { dataTransfer: data });
}

test('drop an AWS OpenAPI export: the API loads, with its warnings shown', async ({ page }) => {
  if (!existsSync(EXPORT)) {
    console.log(`notice: ${EXPORT.pathname} is absent; the AWS export drop test is skipped`);
    test.skip();
  }
  const app = new Designer(page);
  await app.open();
  await app.newApi();
  const text = readFileSync(EXPORT, 'utf8');
  await drop(page, 'petstore-aws-export.json', text);
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
  await expect(app.row('/{petId}')).toBeVisible();
  const report = page.getByTestId('import-report');
  // Where it is served, and its version: a design carries neither.
  await expect(report).toContainText('Importing petstore-aws-export.json: 2 items not carried over');
  await expect(report).toContainText('servers');
  await expect(report).toContainText('info.version');
  await expect(app.notice).toContainText('Imported the OpenAPI document');
  expect(await app.errorCount()).toBe(0);
  await app.screenshot('interop-openapi-drop');

  await openExports(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-openapi').click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(exported.openapi).toBe('3.0.1');
  expect(Object.keys(exported.paths).sort()).toEqual(Object.keys(JSON.parse(text).paths).sort());
  expect(exported.paths['/pets/{petId}'].get['x-amazon-apigateway-integration'].type).toBe('http');
  await report.getByRole('button', { name: 'Dismiss' }).click();
  await expect(report).toBeHidden();
  expect(app.errors).toEqual([]);
});

test('a YAML file with a syntax error is refused with its line, and nothing changes', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await drop(page, 'broken.yaml', 'openapi: 3.0.1\npaths:\n  /a:\n    get: [\n');
  await expect(app.notice).toContainText('broken.yaml: line');
  await expect(app.notice).toContainText('Nothing was changed');
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
});

// Story: I import a large design; it shows at once and its problems follow a moment later, while
// the page stays responsive.
test('a large import is painted first and its problems follow once checked', async ({ page }) => {
  const apigw = fileURLToPath(new URL('../../../target/debug/apigw', import.meta.url));
  const design = JSON.parse(execFileSync(apigw, ['generate', '--methods', '3000', '--seed', '5', '--to', 'design'], { maxBuffer: 1 << 28 }).toString());
  const [, resource] = Object.entries(design.resources).find(([, r]) => Object.keys(r.methods ?? {}).length > 0);
  const verb = Object.keys(resource.methods)[0];
  resource.methods[verb].integration = { type: 'BOGUS' };
  const app = new Designer(page);
  await app.open();
  // Every text the status bar shows, from before the drop.
  await page.evaluate(() => {
    window.statusTexts = [];
    const bar = document.querySelector('.statusbar');
    new MutationObserver(() => window.statusTexts.push(bar.textContent)).observe(bar, { subtree: true, childList: true, characterData: true });
  });
  await drop(page, 'large.design.json', JSON.stringify(design));
  await expect(app.status).toContainText('3000 methods');
  await expect(app.status).not.toContainText('Checking', { timeout: 20_000 });
  expect(await app.errorCount()).toBe(1);
  await expect(app.problems).toContainText('BOGUS');
  const seen = await page.evaluate(() => window.statusTexts);
  expect(seen.some((t) => t.includes('Checking') && t.includes('3000 methods'))).toBe(true);
  // Undoing the import brings the example back, checked at once (it is small).
  await page.keyboard.press('Control+z');
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
  expect(await app.errorCount()).toBe(0);
  expect(app.errors).toEqual([]);
});

// Story: a document with hundreds of things the designer cannot carry still imports at once; the
// report lists the first 200 and says how many more there are.
test('an import report of hundreds of items lists the first 200 and counts the rest', async ({ page }) => {
  const paths = { '/ok': { get: { responses: { 200: { description: 'ok' } } } } };
  for (let i = 0; i < 250; i++) paths[`not-a-path-${i}`] = {};
  const app = new Designer(page);
  await app.open();
  await drop(page, 'many.json', JSON.stringify({ openapi: '3.0.1', info: { title: 'Many', version: '1' }, paths }));
  const report = page.getByTestId('import-report');
  // 250 paths that are not paths, and the API's version.
  await expect(report).toContainText('Importing many.json: 251 items not carried over');
  await expect(report.locator('.import-item')).toHaveCount(200);
  await expect(report).toContainText('and 51 more; the first 200 are listed');
  await expect(app.row('/ok')).toBeVisible();
});
