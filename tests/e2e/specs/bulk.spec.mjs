// Stories of bulk edits: I choose many methods (a filter, Ctrl- and Shift-click), see what one
// change does to all of them, and apply it as one undo step; I copy a method onto other
// resources; I find and replace a host name across the integrations.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

const LAMBDA = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations';

/** A design of `n` GET methods under /admin and two resources without methods. */
function adminDesign(n) {
  const resources = { '/': {}, '/admin': {}, '/public': {}, '/public/a': {}, '/public/b': {} };
  for (let i = 0; i < n; i++) {
    resources[`/admin/r${i}`] = {
      methods: {
        GET: {
          authorizationType: 'NONE',
          methodResponses: { 200: {} },
          integration: {
            type: 'HTTP', integrationHttpMethod: 'GET', uri: `https://old.example.com/r${i}`,
            integrationResponses: { 200: {} },
          },
        },
      },
    };
  }
  return {
    format: 'apigw-design/1',
    api: { name: 'Admin', endpointType: 'REGIONAL' },
    authorizers: { Token: { type: 'TOKEN', authorizerUri: LAMBDA, identitySource: 'method.request.header.Authorization' } },
    resources,
  };
}

async function importDesign(page, app, design) {
  await page.getByLabel('Import file').setInputFiles({ name: 'admin.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(design)) });
  await expect(app.notice).toContainText('admin.json');
}

test('an authorizer set on 50 methods a filter chose is one preview and one undo step', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await importDesign(page, app, adminDesign(50));
  await page.getByLabel('Filter resources and methods').fill('under /admin no authorizer');
  await expect(page.locator('.tree-count')).toHaveText('50 methods match');
  await page.getByRole('button', { name: 'Choose all 50' }).click();
  await expect(app.editor.locator('#bulk-title')).toHaveText('50 methods on 50 resources chosen');
  await app.editor.getByLabel('Who may call them').selectOption({ label: 'Authorizer Token' });
  await expect(app.editor.locator('.bulk-summary')).toHaveText('Changes 50 methods.');
  await expect(app.editor.getByRole('list', { name: 'Bulk changes' }).locator('li')).toHaveCount(50);
  await expect(app.editor.getByRole('list', { name: 'Bulk changes' })).toContainText('GET /admin/r7: authorizer Token (CUSTOM)');
  await app.screenshot('bulk-preview');
  await app.editor.getByRole('button', { name: 'Apply to 50 methods' }).click();
  await expect(app.notice).toContainText('set authorization on 50 methods');
  // The filter now matches none of them: they all have an authorizer.
  await expect(page.locator('.tree-count')).toHaveText('Nothing matches. Esc clears the filter.');
  let design = await app.exportedDesign();
  const admin = Object.entries(design.resources).filter(([p]) => p.startsWith('/admin/'));
  expect(admin).toHaveLength(50);
  for (const [, r] of admin) {
    expect(r.methods.GET.authorizationType).toBe('CUSTOM');
    expect(r.methods.GET.authorizer).toBe('Token');
  }
  // One undo takes all fifty back.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.locator('.tree-count')).toHaveText('50 methods match');
  design = await app.exportedDesign();
  for (const [p, r] of Object.entries(design.resources)) {
    if (p.startsWith('/admin/')) expect(r.methods.GET.authorizationType).toBe('NONE');
  }
});

test('Ctrl-click and Shift-click choose methods in the tree; Esc and a plain click let go', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await importDesign(page, app, adminDesign(6));
  const row = (path) => page.locator(`[id="tree:GET ${path}"]`);
  await row('/admin/r0').click();
  await expect(app.editor.locator('h2').first()).toContainText('/admin/r0');
  await row('/admin/r3').click({ modifiers: ['Shift'] });
  await expect(app.editor.locator('#bulk-title')).toHaveText('4 methods on 4 resources chosen');
  await expect(app.tree.locator('[aria-selected="true"]')).toHaveCount(4);
  await row('/admin/r1').click({ modifiers: ['Control'] });
  await expect(app.editor.locator('#bulk-title')).toHaveText('3 methods on 3 resources chosen');
  await expect(row('/admin/r1')).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Escape');
  await expect(app.editor.locator('#bulk-title')).toHaveCount(0);
  // Shift+↓ extends the choice from the keyboard, over the resource rows between methods.
  await row('/admin/r0').click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(app.editor.locator('#bulk-title')).toHaveText('2 methods on 2 resources chosen');
  await page.keyboard.press('Escape');
  await row('/admin/r2').click({ modifiers: ['Control'] });
  await row('/admin/r5').click({ modifiers: ['Control'] });
  // Ctrl-click adds to the row already selected (GET /admin/r1, where Shift+↓ ended).
  await expect(app.editor.locator('#bulk-title')).toHaveText('3 methods on 3 resources chosen');
  await row('/admin/r4').click();
  await expect(app.editor.locator('h2').first()).toContainText('/admin/r4');
});

test('a copied method is pasted onto the chosen resources as one step', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await importDesign(page, app, adminDesign(2));
  await app.selectMethod('GET', '/admin/r1');
  await app.editor.getByRole('button', { name: 'Copy method' }).click();
  await expect(app.notice).toContainText('Copied GET /admin/r1');
  await page.locator('[id="tree:/public/a"]').click();
  await page.locator('[id="tree:/public/b"]').click({ modifiers: ['Control'] });
  await expect(app.editor.locator('#bulk-title')).toHaveText('0 methods on 2 resources chosen');
  await app.editor.getByLabel('Change to make').selectOption('Paste the copied method');
  const lines = app.editor.getByRole('list', { name: 'Bulk changes' });
  await expect(lines).toContainText('+ GET /public/a: a copy of GET /admin/r1');
  await expect(lines).toContainText('+ GET /public/b: a copy of GET /admin/r1');
  await app.editor.getByRole('button', { name: 'Apply to 2 methods' }).click();
  const design = await app.exportedDesign();
  expect(design.resources['/public/a'].methods.GET.integration.uri).toBe('https://old.example.com/r1');
  expect(design.resources['/public/b'].methods.GET).toEqual(design.resources['/admin/r1'].methods.GET);
});

test('find and replace changes a host in every chosen integration, previewed first', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await importDesign(page, app, adminDesign(5));
  await page.getByLabel('Filter resources and methods').fill('http');
  await page.getByRole('button', { name: 'Choose all 5' }).click();
  await app.editor.getByLabel('Change to make').selectOption('Find and replace');
  await app.editor.getByLabel('Find').fill('old.example.com');
  await app.editor.getByLabel('Replace with').fill('new.example.com');
  await expect(app.editor.getByRole('list', { name: 'Bulk changes' })).toContainText('GET /admin/r2: 1 replacement (URI)');
  await app.editor.getByRole('button', { name: 'Apply to 5 methods' }).click();
  const design = await app.exportedDesign();
  expect(JSON.stringify(design)).not.toContain('old.example.com');
  expect(design.resources['/admin/r4'].methods.GET.integration.uri).toBe('https://new.example.com/r4');
});
