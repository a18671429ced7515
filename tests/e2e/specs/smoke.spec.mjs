// The app loads from a sub-path of a static host, with no console errors, and shows the example.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

test('loads under a sub-path with no console errors and shows the PetStore example', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
  await expect(app.row('/pets')).toBeVisible();
  await expect(app.status).toContainText('0 errors');
  await expect(app.preview).toContainText('CreateResource');
  expect(app.errors).toEqual([]);
});

test('ships a strict Content-Security-Policy that the app runs under', async ({ page }) => {
  const app = new Designer(page);
  const violations = [];
  page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text()); });
  await app.open('GET+/pets');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'self'");
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(policy).toContain("style-src 'self'");
  expect(policy).not.toContain('unsafe-inline');
  await expect(app.row('/{petId}')).toBeVisible();
  expect(violations).toEqual([]);
});
