// Browser benchmarks of the release build in Debian's Chromium, timed inside the page with
// performance.now() and the app's own performance marks (`apigw:ready`, `apigw:import`).
// `cargo xtask bench` runs it; it is not a test and asserts nothing.
//
// Usage: node bench/browser.mjs OUT.json
//   env: BENCH_DIST, APIGW_BIN; REFERENCE_LEPTOS_DIST and REFERENCE_CORE_DIST, the reference
//   builds (optional)
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readdirSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = process.argv[2] ?? 'browser.json';
const dist = process.env.BENCH_DIST ?? '../../target/e2e-dist';
const apigw = process.env.APIGW_BIN ?? 'apigw';
const port = Number(process.env.BENCH_PORT ?? 8097);
const base = `http://127.0.0.1:${port}/apigw/app/`;
const KEY = 'apigw-designer/design';

const generate = (methods, to = 'design') =>
  execFileSync(apigw, ['generate', '--methods', String(methods), '--seed', '1', '--to', to], { maxBuffer: 1 << 30 }).toString();
const compact = (text) => JSON.stringify(JSON.parse(text));
const stats = (samples) => {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1], min: s[0] };
};
const round = (x) => Math.round(x * 100) / 100;
const log = (...a) => console.log('bench:', ...a);

/** Serves `folder` on loopback under the app's sub-path (`serve.mjs`), once it listens. */
async function serve(folder, at) {
  const child = spawn('node', ['serve.mjs', folder, String(at)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  return child;
}

const server = await serve(dist, port);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
});
const results = {};

/** A page in a fresh context (cold HTTP and code caches) of the origin serving `at`, with
 * `designText` (compact JSON text, or null for none) saved in its local storage. */
async function freshPage(at, designText) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => log('page error', String(e)));
  if (designText !== null) {
    // Saved from a page of the same origin that is not the app (the server's 404 page), so
    // that writing it is not part of the app's load and no app asset gets cached.
    await page.goto(at + '__seed__');
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, designText]);
  }
  return { context, page };
}

/** The app loaded in a fresh context with `design` (compact JSON text) saved. */
async function open(designText, fragment = '') {
  const { context, page } = await freshPage(base, designText);
  await page.goto(base + (fragment ? '#' + fragment : ''));
  await page.waitForFunction(() => performance.getEntriesByName('apigw:ready').length > 0, null, { timeout: 120_000 });
  // The app paints a loaded design first and checks it after, in slices (`apigw:checked`).
  await page.waitForFunction(() => performance.getEntriesByName('apigw:checked').length > 0, null, { timeout: 120_000 });
  const [ready, start, read, parsed, mounted, checked] = await page.evaluate(() =>
    ['apigw:ready', 'apigw:start', 'apigw:read', 'apigw:parsed', 'apigw:mounted', 'apigw:checked']
      .map((m) => performance.getEntriesByName(m)[0]?.startTime ?? NaN));
  return { context, page, ready, start, read, parsed, mounted, checked };
}

// In the page, `settle()` waits until the reactive updates of the current task have run: a
// message-channel hop, which (unlike nested timers) is never clamped to 4 ms.

// ---------------------------------------------------------------- time to interactive
const empty = JSON.stringify({ format: 'apigw-design/1', api: { name: 'Empty' }, resources: { '/': {} } });
const designs = { 300: compact(generate(300)), 3000: compact(generate(3000)) };
for (const [name, text] of [['empty', empty], ['3000', designs[3000]]]) {
  const samples = [];
  const warm = [];
  // Where a cold load's time goes: until the wasm's main starts; building the first render,
  // of which reading the saved design from storage and parsing it are parts; from there to
  // interactive (effects, style and first layout); and when the design's check, which runs
  // after the first paint, is complete.
  const phases = { start: [], mount: [], read: [], parse: [], settle: [], checked: [] };
  // Eleven cold loads: on a small machine single loads vary by ±25 %, so the median needs more
  // than a handful. Every other one is also reloaded warm.
  for (let i = 0; i < 11; i++) {
    const { context, page, ready, start, read, parsed, mounted, checked } = await open(text);
    samples.push(ready);
    phases.start.push(start);
    phases.mount.push(mounted - start);
    phases.read.push(read - start);
    if (!Number.isNaN(parsed)) phases.parse.push(parsed - read);
    phases.settle.push(ready - mounted);
    phases.checked.push(checked);
    if (i % 2 === 0) {
      // A returning visit: the same browser profile, with its HTTP and compiled-code caches.
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('apigw:ready').length > 0, null, { timeout: 120_000 });
      warm.push(await page.evaluate(() => performance.getEntriesByName('apigw:ready')[0].startTime));
    }
    await context.close();
  }
  results[`tti-${name}`] = {
    ...stats(samples),
    unit: 'ms',
    phases_p50: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, round(stats(v).p50)])),
  };
  results[`tti-${name}-warm`] = { ...stats(warm), unit: 'ms' };
  log(`time to interactive, ${name}: cold`, stats(samples), 'phases', results[`tti-${name}`].phases_p50, 'warm', stats(warm));
}

// What is under the app's time to interactive on this machine, loaded cold the same way to the
// same mark (a timer after the first render, then a layout), in interleaved rounds:
// - static: the app's first screen (empty design) saved as static HTML with the same
//   stylesheet and no wasm;
// - leptos: the reference build `src/bin/reference-leptos.rs`, the smallest Leptos page that
//   reads the saved design and answers input;
// - core: `src/bin/reference-core.rs`, that page with everything the app asks of apigw-core
//   and no interface; at start it reads and parses the saved design as the app does, so with
//   3,000 methods it is the cost of reading and parsing them, without the app's first render.
{
  const { context, page } = await open(empty);
  const html = await page.evaluate(() => {
    document.querySelectorAll('script, link[rel=modulepreload], link[rel=preload], meta[http-equiv]').forEach((e) => e.remove());
    return '<!DOCTYPE html>\n' + document.documentElement.outerHTML.replace('</body>',
      '<script>setTimeout(() => { void document.body.offsetHeight; performance.mark("apigw:ready"); }, 0);</script></body>');
  });
  await context.close();
  const dir = mkdtempSync(join(tmpdir(), 'apigw-static-'));
  writeFileSync(join(dir, 'index.html'), html);
  for (const name of readdirSync(dist).filter((f) => f.endsWith('.css'))) copyFileSync(join(dist, name), join(dir, name));
  const cases = [['tti-static-empty', dir, null]];
  if (process.env.REFERENCE_LEPTOS_DIST) cases.push(['tti-reference-leptos-empty', process.env.REFERENCE_LEPTOS_DIST, empty]);
  if (process.env.REFERENCE_CORE_DIST) {
    cases.push(['tti-reference-core-empty', process.env.REFERENCE_CORE_DIST, empty]);
    cases.push(['tti-reference-core-3000', process.env.REFERENCE_CORE_DIST, designs[3000]]);
  }
  const servers = [];
  for (const [i, [, folder]] of cases.entries()) servers.push(await serve(folder, port + 1 + i));
  const samples = cases.map(() => []);
  for (let pass = 0; pass < 11; pass++) {
    for (const [i, [, , text]] of cases.entries()) {
      const at = `http://127.0.0.1:${port + 1 + i}/apigw/app/`;
      const { context, page } = await freshPage(at, text);
      await page.goto(at);
      await page.waitForFunction(() => performance.getEntriesByName('apigw:ready').length > 0, null, { timeout: 60_000 });
      samples[i].push(await page.evaluate(() => performance.getEntriesByName('apigw:ready')[0].startTime));
      await context.close();
    }
  }
  servers.forEach((child) => child.kill());
  rmSync(dir, { recursive: true, force: true });
  for (const [i, [key]] of cases.entries()) {
    results[key] = { ...stats(samples[i]), unit: 'ms' };
    log(`${key}: cold`, stats(samples[i]));
  }
}

// ---------------------------------------------------------------- keystrokes and selection
/** 100 keystrokes into `input` (an element handle), each appending `mark` and its number, each
 * timed from the input event until the page's updates, style and layout are done. */
function typeTimed(page, input, mark) {
  return page.evaluate(async ([el, mark]) => {
    const settle = () => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const original = el.value;
    const times = [];
    for (let i = 0; i < 100; i++) {
      await frame();
      const t0 = performance.now();
      el.value = original + mark + i;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await settle();
      void document.body.offsetHeight; // include style and layout
      times.push(performance.now() - t0);
    }
    return times;
  }, [input, mark]);
}

function firstMethod(text, type) {
  const design = JSON.parse(text);
  for (const [path, resource] of Object.entries(design.resources)) {
    for (const [verb, method] of Object.entries(resource.methods ?? {})) {
      if (method.integration?.type === type) return { path, verb };
    }
  }
  throw new Error(`no ${type} method`);
}

for (const size of [300, 3000]) {
  const { path, verb } = firstMethod(designs[size], 'HTTP');
  const { context, page } = await open(designs[size], `${verb}+${encodeURIComponent(path).replaceAll('%2F', '/')}`);
  const input = await page.getByLabel('Endpoint URL (uri)').elementHandle();
  const samples = await typeTimed(page, input, '/x');
  const shown = await page.locator('.preview').textContent();
  if (!shown.includes('/x99')) log(`warning: the preview did not show the last keystroke at ${size}`);
  results[`keystroke-${size}`] = { ...stats(samples), unit: 'ms' };
  log(`keystroke → diagnostics and preview, ${size} methods:`, stats(samples));

  if (size === 3000) {
    // Selecting methods in the tree: click 20 method rows in view, one after another.
    const rows = page.locator('.tree .tree-row.method');
    const count = Math.min(20, await rows.count());
    const picks = [];
    for (let i = 0; i < count; i++) {
      const handle = await rows.nth(i).elementHandle();
      picks.push(await page.evaluate(async (el) => {
        const settle = () => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const t0 = performance.now();
        el.click();
        await settle();
        void document.body.offsetHeight;
        return performance.now() - t0;
      }, handle));
    }
    results['select-method-3000'] = { ...stats(picks), unit: 'ms' };
    log('selecting a method, 3000 methods:', stats(picks));
  }
  await context.close();
}

// ---------------------------------------------------------------- a template's live output
// A keystroke in a request template of a 3,000-method design, until the template's output for
// the method's test request (beside its editor) shows it: the engine's parse and render and
// the simulator's request, as the Test tab's output follows the design.
{
  const design = JSON.parse(designs[3000]);
  let found = null;
  for (const [path, resource] of Object.entries(design.resources)) {
    for (const [verb, method] of Object.entries(resource.methods ?? {})) {
      const templates = method.integration?.requestTemplates ?? {};
      if (method.integration?.type === 'HTTP' && templates['application/json'] !== undefined) { found ??= { path, verb }; }
    }
  }
  if (found === null) throw new Error('no HTTP method with a request template');
  const { path, verb } = found;
  const pointer = '/resources/' + path.replaceAll('~', '~0').replaceAll('/', '~1') + '/methods/' + verb + '/integration/requestTemplates/application~1json';
  const { context, page } = await open(designs[3000], `${verb}+${encodeURIComponent(path).replaceAll('%2F', '/')}`);
  const input = await page.locator(`[id="${pointer}"]`).elementHandle();
  await page.locator('[data-testid="template-output"]').first().waitFor({ timeout: 30_000 });
  const samples = await typeTimed(page, input, ' k');
  const shown = await page.locator('[data-testid="template-output"]').first().textContent();
  if (!shown.includes('k99')) log('warning: the template output did not show the last keystroke');
  results['test-keystroke-3000'] = { ...stats(samples), unit: 'ms' };
  log('keystroke in a template → its output for the test request, 3000 methods:', stats(samples));
  await context.close();
}

// ---------------------------------------------------------------- import of 1,000 paths
{
  const doc = JSON.parse(generate(3000, 'openapi'));
  const paths = Object.keys(doc.paths).slice(0, 1000);
  doc.paths = Object.fromEntries(paths.map((p) => [p, doc.paths[p]]));
  const dir = mkdtempSync(join(tmpdir(), 'apigw-bench-'));
  const file = join(dir, 'openapi-1000-paths.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  const operations = paths.reduce((n, p) => n + Object.keys(doc.paths[p]).filter((k) => k !== 'parameters').length, 0);
  const { context, page } = await open(empty);
  const samples = [];
  // A large import is painted first and checked after, in slices (as a loaded design is):
  // also timed is the import until that check is complete (the `apigw:checked` mark).
  const checked = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => { performance.clearMeasures('apigw:import'); performance.clearMarks('apigw:checked'); });
    await page.getByLabel('Import file').setInputFiles(file);
    await page.waitForFunction(() => performance.getEntriesByName('apigw:import').length > 0, null, { timeout: 60_000 });
    samples.push(await page.evaluate(() => performance.getEntriesByName('apigw:import')[0].duration));
    await page.waitForFunction(() => performance.getEntriesByName('apigw:checked').length > 0, null, { timeout: 60_000 });
    checked.push(await page.evaluate(() =>
      performance.getEntriesByName('apigw:checked')[0].startTime - performance.getEntriesByName('apigw:import')[0].startTime));
  }
  results['import-1000-paths'] = { ...stats(samples), unit: 'ms', paths: 1000, operations, checked_p50: round(stats(checked).p50) };
  log(`importing 1,000 paths (${operations} operations):`, stats(samples), 'until checked', stats(checked));
  await context.close();
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- 30,000 methods
{
  const dir = mkdtempSync(join(tmpdir(), 'apigw-bench-'));
  const file = join(dir, 'design-30000.json');
  writeFileSync(file, generate(30000));
  const { context, page } = await open(empty);
  await page.evaluate(() => performance.clearMarks('apigw:checked'));
  await page.getByLabel('Import file').setInputFiles(file);
  await page.waitForFunction(() => performance.getEntriesByName('apigw:import').length > 0, null, { timeout: 120_000 });
  const importMs = await page.evaluate(() => performance.getEntriesByName('apigw:import')[0].duration);
  rmSync(dir, { recursive: true, force: true });
  await page.waitForFunction(() => performance.getEntriesByName('apigw:checked').length > 0, null, { timeout: 120_000 });
  const importCheckedMs = await page.evaluate(() =>
    performance.getEntriesByName('apigw:checked')[0].startTime - performance.getEntriesByName('apigw:import')[0].startTime);
  await page.waitForTimeout(1000); // let the autosave attempt and the garbage collector run
  const client = await context.newCDPSession(page);
  await client.send('HeapProfiler.collectGarbage');
  const memory = await page.evaluate(() => ({
    jsHeap: performance.memory.usedJSHeapSize,
    wasm: window.wasmBindings.wasm_memory_bytes(),
  }));
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  results['memory-30000'] = { js_heap_bytes: memory.jsHeap, wasm_bytes: memory.wasm, total_bytes: memory.jsHeap + memory.wasm, dom_elements: domNodes, import_ms: round(importMs), import_checked_ms: round(importCheckedMs) };
  log('30,000 methods: memory', memory, 'DOM elements', domNodes, 'import ms', round(importMs), 'until checked', round(importCheckedMs));

  // Scroll the tree at 400 px per frame and time every frame: down, up and down again, 150
  // frames each. The budget reads the median of the three passes' longest frames, so that one
  // stall of a small shared machine does not decide it; every frame is in the statistics.
  const frames = await page.evaluate(async () => {
    const nav = document.querySelector('nav.tree-panel');
    const gaps = [];
    const longest = [];
    for (const step of [400, -400, 400]) {
      let last = performance.now();
      let pass = 0;
      for (let i = 0; i < 150; i++) {
        nav.scrollTop += step;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        gaps.push(now - last);
        pass = Math.max(pass, now - last);
        last = now;
      }
      longest.push(pass);
    }
    return { gaps, longest, scrolled: nav.scrollTop, rows: document.querySelectorAll('.tree .tree-row').length };
  });
  const passMax = [...frames.longest].sort((a, b) => a - b)[1];
  results['scroll-30000'] = { ...stats(frames.gaps), unit: 'ms per frame', rendered_rows: frames.rows,
    pass_max: frames.longest.map(round), pass_max_median: round(passMax) };
  log('scrolling the 30,000-method tree, frame times:', stats(frames.gaps), 'longest per pass:', frames.longest, 'rows in the DOM:', frames.rows);

  // Selecting resources, and edits that change the outline: adding a method to a resource
  // (which selects it) and undoing that (which selects the resource again), ten times each.
  await page.evaluate(() => { document.querySelector('nav.tree-panel').scrollTop = 0; });
  await page.waitForTimeout(200);
  const outline = await page.evaluate(async () => {
    const settle = () => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const timed = async (act) => {
      await frame();
      const t0 = performance.now();
      act();
      await settle();
      void document.body.offsetHeight;
      return performance.now() - t0;
    };
    const select = [];
    for (const row of [...document.querySelectorAll('.tree .tree-row:not(.method)')].slice(1, 11)) {
      select.push(await timed(() => row.click()));
    }
    const add = [];
    const undo = [];
    for (let i = 0; i < 10; i++) {
      const verb = document.querySelector('select[aria-label="HTTP method to add"]');
      verb.value = 'OPTIONS';
      verb.dispatchEvent(new Event('change', { bubbles: true }));
      await settle();
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Add method');
      add.push(await timed(() => button.click()));
      undo.push(await timed(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }))));
    }
    return { select, add, undo, shown: document.querySelector('.editor h2')?.textContent };
  });
  results['select-resource-30000'] = { ...stats(outline.select), unit: 'ms' };
  results['add-method-30000'] = { ...stats(outline.add), unit: 'ms' };
  results['undo-add-method-30000'] = { ...stats(outline.undo), unit: 'ms' };
  log('30,000 methods: selecting a resource', stats(outline.select), 'adding a method', stats(outline.add),
    'undoing it', stats(outline.undo), 'editor shows', outline.shown);
  await context.close();
}

for (const value of Object.values(results)) {
  for (const k of ['p50', 'p95', 'max', 'min']) if (typeof value[k] === 'number') value[k] = round(value[k]);
}
writeFileSync(out, JSON.stringify(results, null, 2));
await browser.close();
server.kill();
log('wrote', out);
