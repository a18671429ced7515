// The main views have no serious or critical axe-core violations, in light and dark.
import { test, expect } from '@playwright/test';
import { createRequire } from 'node:module';
import { Designer } from '../pages/designer.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const views = [
  ['method', 'GET+/pets/{petId}'],
  ['resource', '/pets'],
  ['api-settings', 'api'],
  ['earlier-versions', 'GET+/pets', async (page) => {
    await page.getByTestId('open-versions').click();
    await page.getByRole('dialog', { name: 'Earlier versions' }).waitFor();
  }],
  // The Problems panel with ten problems in it.
  ['problems', 'GET+/pets', async (page, app) => {
    for (let i = 0; i < 10; i++) {
      await app.editor.getByLabel('Add query string (method request)').fill(`bad name ${i}`);
      await app.editor.getByRole('button', { name: 'Add query string' }).click();
    }
    await expect(app.problems.locator('button.problem-item')).toHaveCount(10);
  }],
  ['deploy', 'GET+/pets', async (page) => {
    await page.getByRole('button', { name: 'Deploy…' }).click();
    await page.getByRole('complementary', { name: 'Deploy and load' }).waitFor();
  }],
  // The Test tab of an HTTP method: the request, the back end's answer, the response, the
  // integration request and the log.
  ['test-tab', 'GET+/pets/{petId}', async (page, app) => {
    await app.editor.getByRole('tab', { name: 'Test' }).click();
    await expect(page.getByTestId('test-integration-url')).toContainText('/pets/7');
  }],
  // A MOCK method's Test tab, and a template's live output and error beside its editor.
  ['test-tab-mock', 'GET+/', async (page, app) => {
    await app.editor.getByRole('tab', { name: 'Test' }).click();
    await expect(page.getByTestId('test-status')).toHaveText('200');
  }],
  ['template-output', 'GET+/', async (page, app) => {
    await app.editor.getByLabel('text/html template (template, integration response 200)').fill('#if($x)\nnever closed');
    await expect(app.editor.getByTestId('template-error')).toBeVisible();
    await app.editor.getByTestId('template-error').scrollIntoViewIfNeeded();
  }],
  ['new-api', '', async (page, app) => {
    await app.newApi();
    await expect(app.editor.locator('.empty-state')).toBeVisible();
  }],
  ['tree-filter', '', async (page, app) => {
    await page.getByLabel('Filter resources and methods').fill('mock');
    await expect(page.locator('.tree-count')).toHaveText('3 methods match');
  }],
  // Bulk edit: every mock method chosen, an authorization change previewed.
  ['bulk', '', async (page, app) => {
    await page.getByLabel('Filter resources and methods').fill('mock');
    await page.getByRole('button', { name: 'Choose all 3' }).click();
    await app.editor.getByLabel('Who may call them').selectOption({ label: 'Callers signing with IAM credentials' });
    await expect(app.editor.locator('.bulk-summary')).toContainText('Changes');
  }],
];

for (const scheme of ['light', 'dark']) {
  for (const [name, fragment, open] of views) {
    test(`axe: ${name} view (${scheme}) has no serious or critical violations`, async ({ browser }) => {
      const context = await browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const app = new Designer(page);
      await app.open(fragment);
      if (open) await open(page, app);
      // Each view is looked at in both window sizes people use.
      await app.screenshot(`${name}-${scheme}-1280x800`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await app.screenshot(`${name}-${scheme}-1920x1080`);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ['violations'] });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      expect(violations).toEqual([]);
      await context.close();
    });
  }
}
