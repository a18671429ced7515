// Stories of finding things and reading the screen: a tree that filters and sorts as people
// read, one way into API settings, messages that cover nothing, controls with names of their
// own, and a first visit that says what each pane is for.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function file(name, value) {
  const path = join(mkdtempSync(join(tmpdir(), 'apigw-e2e-')), name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

const mock = { integration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } } };

/** The tree's rows as shown: resource parts and method verbs, in order. */
async function rows(app) {
  return app.tree.locator('.tree-row').evaluateAll((items) =>
    items.map((li) => (li.querySelector('.part, .verb')?.textContent ?? '').trim()));
}

test('I filter the tree by path, verb, integration kind and problem, and Esc brings it all back', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const filter = page.getByLabel('Filter resources and methods');
  await filter.fill('post');
  await expect(app.tree.locator('.tree-row.method')).toHaveCount(1);
  await expect(page.locator('.tree-count')).toHaveText('1 method match');
  await expect(app.row('POST')).toBeVisible();
  // The resources on the way stay, so the match is seen where it is.
  await expect(app.row('/pets')).toBeVisible();

  await filter.fill('mock');
  await expect(page.locator('.tree-count')).toHaveText('3 methods match');
  await filter.fill('mock {petId}');
  await expect(page.locator('.tree-count')).toHaveText('1 method match');
  await filter.fill('lambda');
  await expect(page.locator('.tree-count')).toHaveText('Nothing matches. Esc clears the filter.');

  // A problem is something to filter by too, and the filter follows it as it is fixed.
  await filter.fill('');
  await app.selectMethod('GET', '/pets/{petId}');
  await app.editor.getByRole('button', { name: 'Delete method' }).click();
  await filter.fill('error');
  await expect(page.locator('.tree-count')).toHaveText('Nothing matches. Esc clears the filter.');
  await app.selectMethod('GET', '/pets');
  await page.locator('[id="/resources/~1pets/methods/GET/integration/uri"]').fill('not a url');
  await expect(page.locator('.tree-count')).toHaveText('1 method match');
  await expect(app.row('GET')).toBeVisible();

  // Arrow down from the filter goes into the tree; Escape clears the filter.
  await filter.press('ArrowDown');
  await expect(app.tree.locator('.tree-row:focus')).toHaveCount(1);
  await filter.press('Escape');
  await expect(filter).toHaveValue('');
  await expect(page.locator('.tree-count')).toHaveCount(0);
  await expect(app.tree.locator('.tree-row.method')).toHaveCount(5);
  expect(app.errors).toEqual([]);
});

test('resources sort the way people read them: r2 before r10, children under their parent, variables last', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const design = {
    format: 'apigw-design/1', api: { name: 'Sorted' },
    resources: Object.fromEntries(['/r10', '/{id}', '/r2', '/a-b', '/a', '/a/x', '/B', '/r2/{n}', '/r2/items'].map((p) => [p, {}])),
  };
  await page.getByLabel('Import file').setInputFiles(file('sorted.json', design));
  await expect(page.locator('.api-name .name')).toHaveText('Sorted');
  expect(await rows(app)).toEqual(['/', '/a', '/x', '/a-b', '/B', '/r2', '/items', '/{n}', '/r10', '/{id}']);
});

test('the first tab stop skips the toolbar and lands in the tree', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Skip to the resource tree' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Filter resources and methods')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(app.tree.locator('.tree-row').first()).toBeFocused();
});

test('one button opens API settings, and it shows the whole API name while there is room', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await expect(page.getByRole('button', { name: /settings/i })).toHaveCount(1);
  await page.getByRole('button', { name: /API settings/ }).click();
  await expect(app.editor.locator('h2').first()).toContainText('API settings');
  const name = 'Orders and Payments Platform';
  await app.editor.getByLabel('Name', { exact: true }).fill(name);
  const shown = page.locator('.api-name .name');
  await expect(shown).toHaveText(name);
  for (const [width, height] of [[1280, 800], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    const cut = await shown.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(cut, `the name is cut at ${width}px`).toBe(false);
  }
});

test('no icon depends on a font: symbols are drawn, and every control has a name of its own', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets');
  // Two method responses and their integration responses: controls that repeat per response.
  await app.editor.getByLabel('New status code').fill('404');
  await app.editor.getByRole('button', { name: 'Add method response' }).click();
  await app.editor.getByLabel('Method response status').selectOption('404');
  await app.editor.getByRole('button', { name: 'Add integration response' }).click();
  await app.editor.locator('[id="/resources/~1pets/methods/GET/integration/integrationResponses/404/selectionPattern"]').fill('.*not found.*');
  await expect(app.editor.getByText('integration response 404', { exact: false }).first()).toBeAttached();

  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/[✕✖▲◆↶↷▾▸➕]/u);

  // The accessible name of each control, as a screen reader announces it.
  const duplicates = () => page.evaluate(() => {
    const named = new Map();
    const nameOf = (el) => {
      const labelled = el.getAttribute('aria-labelledby');
      if (labelled) return labelled.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
      if (el.labels && el.labels.length) return [...el.labels].map((l) => l.textContent).join(' ');
      const text = el.textContent.trim();
      return text || el.getAttribute('title') || el.getAttribute('placeholder') || '';
    };
    for (const el of document.querySelectorAll('button, input, select, textarea')) {
      if (el.type === 'file' || el.closest('[hidden], .hidden') || !el.getClientRects().length) continue;
      const role = el.tagName === 'BUTTON' ? 'button' : el.type === 'checkbox' ? 'checkbox' : 'field';
      const key = `${role}: ${nameOf(el).replace(/\s+/g, ' ').trim()}`;
      named.set(key, (named.get(key) ?? 0) + 1);
    }
    return [...named].filter(([key, n]) => n > 1 || key.endsWith(': ')).map(([key, n]) => `${key} ×${n}`);
  });
  expect(await duplicates()).toEqual([]);
  // The other views: a resource with CORS, and API settings with two of each list.
  await app.selectResource('/pets');
  expect(await duplicates()).toEqual([]);
  await page.getByRole('button', { name: /API settings/ }).click();
  for (const [what, name] of [['authorizer', 'Tokens'], ['authorizer', 'Second'], ['validator', 'Body'], ['validator', 'Both'], ['model', 'Order']]) {
    await app.editor.getByLabel(`Add ${what}`, { exact: true }).fill(name);
    await app.editor.getByLabel(`Add ${what}`, { exact: true }).press('Enter');
  }
  await expect(app.editor.getByLabel('Name of model Order')).toBeVisible();
  expect(await duplicates()).toEqual([]);
});

test('integration responses with no method response say what to add first, and a placeholder never passes for a value', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets');
  const card = page.locator('#sec-integration-response');
  await expect(card.getByLabel('Method response status')).toBeVisible();
  // Remove the method response: nothing is left to map to.
  await page.getByRole('button', { name: 'Remove method response 200' }).click();
  await expect(card.getByLabel('Method response status')).toHaveCount(0);
  await expect(card).toContainText('Add a method response first');
  await page.keyboard.press('Control+z');
  const pattern = card.locator('[id$="/integrationResponses/200/selectionPattern"]');
  await expect(pattern).toHaveValue('');
  const placeholder = await pattern.getAttribute('placeholder');
  expect(placeholder).not.toMatch(/\\d|\[|\*/);
  expect(await pattern.evaluate((el) => getComputedStyle(el, '::placeholder').fontStyle)).toBe('italic');
});

test('messages take a row of their own: they cover neither the editor nor a Problems row', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectMethod('GET', '/pets');
  // Ten problems, so the Problems panel is full.
  for (let i = 0; i < 10; i++) {
    await app.editor.getByLabel('Add query string (method request)').fill(`bad name ${i}`);
    await app.editor.getByRole('button', { name: 'Add query string' }).click();
  }
  await app.preview.getByRole('button', { name: 'Copy' }).first().click();
  await expect(app.notice).toBeVisible();
  const box = await app.notice.boundingBox();
  for (const region of [app.editor, app.problems, app.preview, app.tree]) {
    const other = await region.boundingBox();
    const overlaps = box.y < other.y + other.height && other.y < box.y + box.height
      && box.x < other.x + other.width && other.x < box.x + box.width;
    expect(overlaps, 'the message covers a pane').toBe(false);
  }
});

test('the method flow never leaves an arrow dangling, and long keys and JSON lines are not cut', async ({ page }) => {
  const app = new Designer(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open();
  await app.selectMethod('GET', '/pets');
  const flow = page.getByRole('navigation', { name: 'Method execution' });
  const steps = await flow.locator('.flow-step').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  const arrows = await flow.locator('.flow-arrow').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  // Each arrow sits between two steps on its own row.
  for (const a of arrows) {
    const row = steps.filter((s) => Math.abs(s.top - a.top) < s.height);
    expect(row.some((s) => s.right <= a.left + 1) && row.some((s) => s.left >= a.right - 1)).toBe(true);
  }
  // Every step is whole.
  expect(await flow.locator('.flow-step').evaluateAll((els) => els.every((e) => e.scrollWidth <= e.clientWidth))).toBe(true);

  const key = 'integration.request.header.X-Correlation-Identifier-Of-This-Request';
  await app.editor.getByLabel('Add mapping (integration request)').fill(key);
  await app.editor.getByRole('button', { name: 'Add mapping' }).click();
  await expect(app.editor.getByLabel(`name of ${key}`)).toHaveValue(key);
  expect(await app.editor.locator('.map-row .key').evaluateAll((els) => els.every((e) => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 2))).toBe(true);
  expect(await app.preview.locator('pre.json').evaluateAll((els) => els.every((e) => e.scrollWidth <= e.clientWidth + 1))).toBe(true);
});

test('a first visit explains each pane, and says "Saved" only once something was saved', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await expect(app.status.getByTestId('save-state')).toHaveText('Changes will be saved in this browser');
  await app.newApi();
  await expect(app.tree.locator('..').locator('.empty-state')).toContainText('An empty API');
  await expect(app.editor.locator('.empty-state')).toContainText('Every API starts with this root resource');
  await expect(app.preview).toContainText('The root resource comes with every API');
  await expect(app.problems.locator('.empty-state')).toContainText('No problems');
  await app.saved();
  await app.screenshot('first-visit-new-api-light');
});

test('undo reaches back past a reload', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await app.selectResource('/pets');
  await app.addChild('orders');
  await app.addMethod('GET');
  await app.saved();
  await page.reload();
  await expect(app.tree).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveAttribute('title', /add GET|GET/);
  await page.keyboard.press('Control+z');
  await expect(app.row('/orders')).toBeVisible();
  await expect(app.tree.locator('.tree-row.method')).toHaveCount(6);
  await page.keyboard.press('Control+z');
  await expect(app.row('/orders')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(app.row('/orders')).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('the Export menu lists every format, downloads the one chosen and closes', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  const menu = page.locator('details.export-menu');
  await menu.locator('summary').click();
  const items = menu.getByRole('group', { name: 'Export' }).getByRole('button');
  await expect(items).toHaveText(['Design document', 'Plan', 'OpenAPI 3.0', 'AWS CLI script', 'CloudFormation (JSON)', 'CloudFormation (YAML)']);
  await app.screenshot('export-menu');
  const [download] = await Promise.all([page.waitForEvent('download'), items.filter({ hasText: 'CloudFormation (YAML)' }).click()]);
  expect(download.suggestedFilename()).toBe('PetStore.template.yaml');
  await expect(menu).not.toHaveAttribute('open', '');
});

test('the page itself never scrolls, only its panes: focusing a field far down keeps the top bar in view', async ({ page }) => {
  const app = new Designer(page);
  await app.open('GET+/pets');
  const size = () => page.evaluate(() => [document.documentElement.scrollHeight, document.documentElement.clientHeight]);
  const [scroll, client] = await size();
  expect(scroll).toBe(client);
  await page.locator('[id="/resources/~1pets/methods/GET/integration/uri"]').focus();
  await page.getByRole('button', { name: 'Whole plan' }).click();
  await app.preview.locator('.call').last().scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollTop)).toBe(0);
  await expect(page.getByRole('button', { name: 'Deploy…' })).toBeInViewport();
});
