// Story: the browser keeps my design whatever its size, keeps earlier versions I can go back
// to, moves what an earlier version of the app kept, and never lets two tabs overwrite each
// other's work unasked.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Designer } from '../pages/designer.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function file(name, text) {
  const path = join(mkdtempSync(join(tmpdir(), 'apigw-e2e-')), name);
  writeFileSync(path, text);
  return path;
}

test('a design of 30,000 methods survives a reload', async ({ page }) => {
  test.setTimeout(240_000);
  const app = new Designer(page);
  await app.open();
  const big = execFileSync(`${ROOT}target/debug/apigw`, ['generate', '--methods', '30000', '--seed', '7'], { maxBuffer: 1 << 30 });
  await page.getByLabel('Import file').setInputFiles(file('big.json', big));
  await expect(app.status).toContainText('30000 methods', { timeout: 60_000 });
  await app.saved();
  const name = await page.locator('.api-name .name').textContent();
  await page.reload();
  await expect(app.status).toContainText('30000 methods', { timeout: 60_000 });
  await expect(page.locator('.api-name .name')).toHaveText(name);
  await expect(app.status.getByTestId('save-state')).toHaveText('Saved in this browser');
  expect(app.errors).toEqual([]);
});

test('what an earlier version kept in local storage is moved over and kept', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const design = { format: 'apigw-design/1', api: { name: 'FromLocalStorage' }, resources: { '/old': { methods: { GET: { integration: { type: 'MOCK' } } } } } };
  await page.evaluate(Designer.clearStorage);
  await page.evaluate((text) => localStorage.setItem('apigw-designer/design', text), JSON.stringify(design));
  await page.reload();
  await expect(page.locator('.api-name .name')).toHaveText('FromLocalStorage');
  await app.saved();
  expect(await page.evaluate(() => localStorage.getItem('apigw-designer/design'))).toBeNull();
  await page.reload();
  await expect(page.locator('.api-name .name')).toHaveText('FromLocalStorage');
  await expect(app.row('/old')).toBeVisible();
});

test('a first visit saves nothing until something changes, then says so', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const state = app.status.getByTestId('save-state');
  await expect(state).toHaveText('Changes will be saved in this browser');
  await page.waitForTimeout(600);
  await expect(state).toHaveText('Changes will be saved in this browser');
  await page.reload();
  await expect(state).toHaveText('Changes will be saved in this browser');
  await page.getByRole('button', { name: /API settings/ }).click();
  await app.editor.getByLabel('Name', { exact: true }).fill('Mine');
  await app.saved();
  await page.reload();
  await expect(page.locator('.api-name .name')).toHaveText('Mine');
  await expect(state).toHaveText('Saved in this browser');
});

test('an earlier version can be restored, and the restore undone', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await page.getByRole('button', { name: /API settings/ }).click();
  await app.editor.getByLabel('Name', { exact: true }).fill('PetStore');
  await app.editor.getByLabel('Name', { exact: true }).press('End');
  await page.keyboard.type(' ');
  await page.keyboard.press('Backspace');
  await app.saved();
  const other = { format: 'apigw-design/1', api: { name: 'Other' }, resources: { '/x': {} } };
  await page.getByLabel('Import file').setInputFiles(file('other.json', JSON.stringify(other)));
  await expect(page.locator('.api-name .name')).toHaveText('Other');
  await app.saved();

  await page.getByTestId('open-versions').click();
  const panel = page.getByRole('dialog', { name: 'Earlier versions' });
  await expect(panel).toBeVisible();
  const before = panel.locator('.version').filter({ hasText: 'before import other.json' });
  await expect(before).toContainText('PetStore');
  await app.screenshot('versions');
  await before.getByRole('button', { name: /^Restore the version of / }).click();
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
  await expect(panel).toBeHidden();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.api-name .name')).toHaveText('Other');
  expect(app.errors).toEqual([]);
});

test('two tabs on one design: the second is told, and nothing is overwritten unasked', async ({ context }) => {
  const first = await context.newPage();
  const a = new Designer(first);
  await a.open();
  const second = await context.newPage();
  const b = new Designer(second);
  await b.open('', { keep: true });
  await expect(b.notice).toContainText('open in another tab too');

  // A saves a change; B hears of it and asks before saving anything of its own.
  await first.getByRole('button', { name: /API settings/ }).click();
  await a.editor.getByLabel('Name', { exact: true }).fill('SavedInA');
  await a.saved();
  const banner = second.getByTestId('conflict');
  await expect(banner).toContainText('Another tab saved this design');
  await expect(b.status.getByTestId('save-state')).toHaveText('Not saved: changed in another tab');
  await b.screenshot('two-tabs-conflict');
  await banner.getByRole('button', { name: "Load the other tab's design" }).click();
  await expect(second.locator('.api-name .name')).toHaveText('SavedInA');
  await expect(banner).toBeHidden();

  // Now B saves; A keeps its own design, and B's is kept as an earlier version.
  await second.getByRole('button', { name: /API settings/ }).click();
  await b.editor.getByLabel('Name', { exact: true }).fill('SavedInB');
  await b.saved();
  const bannerA = first.getByTestId('conflict');
  await expect(bannerA).toBeVisible();
  await bannerA.getByRole('button', { name: "Keep this tab's design" }).click();
  await a.saved();
  await first.getByTestId('open-versions').click();
  const versions = first.getByRole('dialog', { name: 'Earlier versions' });
  await expect(versions.locator('.version').filter({ hasText: 'saved in another tab' })).toContainText('SavedInB');
  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
});
