// Page object of the designer: the regions and the actions a user takes.
import { expect } from '@playwright/test';

/** Opens the top bar's Export menu (if it is closed), so that its entries can be clicked. */
export async function openExports(page) {
  const menu = page.locator('details.export-menu');
  if (!(await menu.evaluate((d) => d.open))) await menu.locator('summary').click();
}

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
    this.status = page.locator('.statusbar');
    this.notice = page.locator('.notice');
  }

  /** Opens the app with a clean browser storage (or keeps it with `{ keep: true }`). */
  async open(fragment = '', { keep = false } = {}) {
    if (!keep) {
      await this.page.goto('./');
      await this.page.evaluate(Designer.clearStorage);
    }
    await this.page.goto('./' + (fragment ? '#' + fragment : ''));
    if (!keep) await this.page.reload();
    await expect(this.tree).toBeVisible();
  }

  /** Empties the browser's storage of this site: local storage and the IndexedDB database. */
  static clearStorage() {
    localStorage.clear();
    sessionStorage.clear();
    return new Promise((resolve) => {
      const request = indexedDB.deleteDatabase('apigw-designer');
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }

  /** The status bar's save state, once it has settled on "Saved in this browser". */
  async saved() {
    await expect(this.status.getByTestId('save-state')).toHaveText('Saved in this browser', { timeout: 30_000 });
  }

  /** The design as the Export → Design button downloads it, parsed. */
  async exportedDesign() {
    const { readFileSync } = await import('node:fs');
    const download = this.page.waitForEvent('download');
    await openExports(this.page);
    await this.page.getByTestId('export-design').click();
    return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  }

  /** A tree row by its exact label (`/pets`, `GET`…); `nth` picks among equal labels. */
  row(label, nth = 0) {
    return this.tree.getByRole('treeitem').filter({ has: this.page.locator(`.part, .verb`).getByText(label, { exact: true }) }).nth(nth);
  }

  async selectResource(path) {
    await this.page.goto('./#' + encodeURIComponent(path).replaceAll('%2F', '/'));
    await expect(this.editor.locator('h2').first()).toHaveText(path);
  }

  async selectMethod(verb, path) {
    await this.page.goto('./#' + verb + '+' + encodeURIComponent(path).replaceAll('%2F', '/'));
    await expect(this.editor.locator('h2').first()).toContainText(path);
  }

  async newApi() {
    await this.page.getByRole('button', { name: 'New API' }).click();
  }

  async addChild(part) {
    await this.editor.getByLabel('New resource path part').fill(part);
    await this.editor.getByRole('button', { name: 'Create resource' }).click();
  }

  async addMethod(verb) {
    await this.editor.getByLabel('HTTP method to add').selectOption(verb);
    await this.editor.getByRole('button', { name: 'Add method' }).click();
    await expect(this.editor.locator('h2').first()).toContainText(verb);
  }

  async problemsText() {
    return (await this.problems.textContent()) ?? '';
  }

  async errorCount() {
    const text = await this.status.locator('.status-errors').textContent();
    return Number(text.match(/(\d+) errors?/)[1]);
  }

  async screenshot(name) {
    await this.page.screenshot({ path: `screenshots/${name}.png` });
  }
}
