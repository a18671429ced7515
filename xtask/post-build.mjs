// Trunk post-build hook for the built index.html:
// 1. Starts compiling the wasm as the page is parsed. Trunk's loader fetches the wasm only once
//    its JS module has loaded and run, and compiles it after the download; an inline classic
//    script starts `WebAssembly.compileStreaming` at once instead, so compiling overlaps the
//    download and the JS module's load, and the loader is handed the compiled module. A host
//    that serves the wasm with another MIME type gets a compile from bytes instead.
// 2. Adds a Content-Security-Policy that allows exactly its inline scripts by SHA-256 hash,
//    and nothing inline else.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const file = `${process.env.TRUNK_STAGING_DIR}/index.html`;
let html = readFileSync(file, 'utf8');

const loader = /await init\(\{ module_or_path: '(\.\/[^']+\.wasm)' \}\)/;
const wasm = html.match(loader)?.[1];
if (wasm) {
  const early =
    `<script>window.__apigwWasm = WebAssembly.compileStreaming(fetch('${wasm}'))` +
    `.catch(() => fetch('${wasm}').then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)));</script>\n`;
  html = html.replace('<script type="module">', early + '<script type="module">');
  html = html.replace(loader, 'await init({ module_or_path: await window.__apigwWasm })');
  // The early fetch replaces the preload; a preload with an integrity hash would not be reused
  // by it, and the wasm would be downloaded twice.
  html = html.replace(/<link rel="preload" href="[^"]+\.wasm"[^>]*>/, '');
} else {
  console.warn(`post-build: Trunk's wasm loader not found in ${file}; the wasm compiles after its download`);
}

const hashes = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
  .filter(([, attributes]) => !/\bsrc=/.test(attributes))
  .map(([, , body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:* https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, '');
html = html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
writeFileSync(file, html);
