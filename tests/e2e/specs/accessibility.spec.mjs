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
];

for (const scheme of ['light', 'dark']) {
  for (const [name, fragment, open] of views) {
    test(`axe: ${name} view (${scheme}) has no serious or critical violations`, async ({ browser }) => {
      const context = await browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const app = new Designer(page);
      await app.open(fragment);
      if (open) await open(page);
      await app.screenshot(`${name}-${scheme}`);
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
