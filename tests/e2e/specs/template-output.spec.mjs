// Story: as I write a mapping template, its output for the method's test request shows beside
// the editor, or what is wrong with it and where.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

const RESPONSE = 'text/html template (template, integration response 200)';

test('a template shows its output as I type, and a syntax error with its line and column', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/');
  const template = app.editor.getByLabel(RESPONSE);
  const response = template.locator('xpath=ancestor::div[@class="map"][1]');
  await expect(response.getByTestId('template-output')).toHaveText('<html><body><h1>Welcome to your Pet Store API</h1></body></html>');
  // The request template's output sits beside it too.
  const request = app.editor.getByLabel('application/json template (template, integration request)');
  await expect(request.locator('xpath=ancestor::div[@class="map"][1]').getByTestId('template-output')).toHaveText('{"statusCode": 200}');

  await template.fill('#set($n = 2)\nHello $n');
  await expect(response.getByTestId('template-output')).toHaveText('Hello 2');
  await template.press('End');
  await template.pressSequentially(' and $context.httpMethod');
  await expect(response.getByTestId('template-output')).toHaveText('Hello 2 and GET');

  // An #if without its #end: the error names where.
  await template.fill('line one\n#if($n == 1)\nnever closed');
  await expect(response.getByTestId('template-error')).toContainText(/^No output: line 2, column \d+: /);
  await expect(response.getByTestId('template-output')).toHaveCount(0);
  await template.fill('fixed');
  await expect(response.getByTestId('template-output')).toHaveText('fixed');
  expect(app.errors).toEqual([]);
});

test('markup in a template output is shown as text', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/');
  const template = app.editor.getByLabel(RESPONSE);
  const output = template.locator('xpath=ancestor::div[@class="map"][1]').getByTestId('template-output');
  await template.fill('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">#if(true)<b>bold</b>#end');
  await expect(output).toHaveText('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><b>bold</b>');
  expect(await output.locator('script, img, b').count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  // And in the Test tab's response.
  await app.editor.getByRole('tab', { name: 'Test' }).click();
  await expect(page.getByTestId('test-response-body')).toContainText('<script>window.__pwned = 1</script>');
  expect(await page.locator('#test-panel script, #test-panel img').count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(app.errors).toEqual([]);
});

test('an endless #foreach is stopped with a clear message, and the page stays responsive', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/');
  const template = app.editor.getByLabel(RESPONSE);
  const box = template.locator('xpath=ancestor::div[@class="map"][1]');
  // Two loops of a hundred million turns each: as good as endless.
  await template.fill('#foreach($i in [1..100000000])\n  #foreach($j in [1..100000000])#end\n#end');
  await expect(box.getByTestId('template-error')).toContainText(/^No output: line \d+, column \d+: the template ran more than [\d,]+ steps; an endless #foreach\?/);
  // The page still answers: typing goes on and the output follows.
  const started = Date.now();
  await template.fill('done');
  await expect(box.getByTestId('template-output')).toHaveText('done');
  expect(Date.now() - started).toBeLessThan(5000);
  await app.editor.getByRole('tab', { name: 'Test' }).click();
  await expect(page.getByTestId('test-response-body')).toHaveText('done');
  expect(app.errors).toEqual([]);
});
