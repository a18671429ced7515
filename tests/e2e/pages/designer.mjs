// Page object of the designer: the regions and the actions a user takes.
import { expect } from '@playwright/test';

export class Designer {
  constructor(page) {
    this.page = page;
    this.errors = [];
    page.on('console', (msg) => { if (msg.type() === 'error') this.errors.push(msg.text()); });
    page.on('pageerror', (err) => this.errors.push(String(err)));
    this.tree = page.getByRole('tree', { name: 'Resource tree' });
    this.editor = page.getByRole('main', { name: 'Editor' });
    this.preview = page.getByRole('complementary', { name: 'Payload preview' });
    this.problems = page.getByRole('region', { name: 'Problems' });
    this.status = page.getByRole('status').filter({ hasText: 'errors' });
  }

  /** Opens the app with a clean browser storage (or keeps it with `{ keep: true }`). */
  async open(fragment = '', { keep = false } = {}) {
    if (!keep) {
      await this.page.goto('./');
      await this.page.evaluate(() => localStorage.clear());
    }
    await this.page.goto('./' + (fragment ? '#' + fragment : ''));
    await expect(this.tree).toBeVisible();
  }

  treeItem(label) {
    return this.tree.getByRole('treeitem').filter({ hasText: label });
  }

  async screenshot(name) {
    await this.page.screenshot({ path: `screenshots/${name}.png` });
  }
}
