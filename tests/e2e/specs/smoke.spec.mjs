// The app loads from a sub-path of a static host, with no console errors, and shows the example.
import { test, expect } from '@playwright/test';
import { Designer } from '../pages/designer.mjs';

test('loads under a sub-path with no console errors and shows the PetStore example', async ({ page }) => {
  const app = new Designer(page);
  await app.open();
  await expect(page.locator('.api-name .name')).toHaveText('PetStore');
  await expect(app.treeItem('/pets').first()).toBeVisible();
  await expect(app.status).toContainText('0 errors');
  await expect(app.preview).toContainText('CreateResource');
  expect(app.errors).toEqual([]);
});

for (const scheme of ['light', 'dark']) {
  for (const [w, h] of [[1280, 800], [1920, 1080]]) {
    test(`screenshot of a method, ${scheme} at ${w}x${h}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: w, height: h });
      const app = new Designer(page);
      await app.open('GET+/pets/{petId}');
      await expect(app.editor).toContainText('Integration request');
      await app.screenshot(`method-${scheme}-${w}x${h}`);
      expect(app.errors).toEqual([]);
    });
  }
}
