// Every problem a rule can report has a place in the forms. Each rule's invalid fixture is
// imported; every problem the Problems panel lists is clicked, and the focus must land on the
// problem's own field (the control whose id is the problem's JSON Pointer) or, for a key the
// form does not hold yet (an undeclared parameter, a list that has too many items), on the row
// that adds keys of that kind. What an import reports about the file itself (a key written
// twice, a field not carried over) points at a line of the file, not at the design, and is
// listed apart in the import report, which this does not click.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Designer } from '../pages/designer.mjs';

const rules = join(dirname(fileURLToPath(import.meta.url)), '../../../crates/apigw-core/tests/rules');

const fixtures = readdirSync(rules).sort();
const chunks = 4;
test.describe.configure({ mode: 'parallel' });

// Coverage across all fixtures is asserted by the last chunk's count check below; each chunk
// runs in its own page so the two workers share the work.
for (let c = 0; c < chunks; c++) {
  const mine = fixtures.filter((_, i) => i % chunks === c);
  test(`every problem the rules ${c + 1}/${chunks} report focuses its field when clicked`, async ({ page }) => {
    test.setTimeout(240_000);
    const app = new Designer(page);
    await app.open();
    const missed = [];
    let clicked = 0;
    for (const name of mine) {
      const began = Date.now();
      const text = readFileSync(join(rules, name, 'invalid.json'), 'utf8');
      await page.getByLabel('Import file').setInputFiles({ name: `${name}.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
      await expect(app.notice).toContainText(`${name}.json`);
      // The notice sits over the panel's lower rows; a user dismisses it to reach them.
      await app.notice.getByRole('button', { name: 'Dismiss' }).click();
      await expect(app.problems.locator('.panel-title')).not.toContainText('checking');
      const items = app.problems.locator('button.problem-item');
      const count = await items.count();
      // Every fixture reports something: in the panel, or about the file in the import report.
      expect(count + await app.problems.locator('.import-item').count(), `${name} reports nothing`).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const item = items.nth(i);
        const pointer = await item.getAttribute('data-pointer');
        const code = await item.locator('.code').textContent();
        await item.click();
        let focused = null;
        await expect.poll(async () => {
          focused = await page.evaluate(() => {
            const el = document.activeElement;
            return el && el.id ? { id: el.id, add: (el.getAttribute('aria-label') ?? '').startsWith('Add') } : null;
          });
          return focused !== null && (focused.id === pointer || (focused.add && pointer.startsWith(focused.id)));
        }, { timeout: 1_500, intervals: [50, 100, 200] }).toBe(true).catch(() => {
          missed.push(`${name}: ${code} at ${pointer} focused ${focused ? focused.id : 'nothing'}`);
        });
        clicked += 1;
      }
      console.log(`${name}: ${count} problem(s) in ${Date.now() - began} ms, ${missed.length} missed so far`);
    }
    expect(missed, missed.join('\n')).toEqual([]);
    expect(clicked).toBeGreaterThan(mine.length / 2);
  });
}
