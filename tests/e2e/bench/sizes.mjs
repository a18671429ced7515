// Sizes of a built dist/ folder: raw, gzip (level 9) and brotli (quality 11) per file and per
// kind (wasm, js, css, html), as JSON on stdout. `cargo xtask bench` and the bundle budget
// check in `cargo xtask test` read it.
// Usage: node bench/sizes.mjs DIST
import { readdirSync, readFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2];
const files = [];
const totals = {};
for (const name of readdirSync(dist).sort()) {
  const data = readFileSync(join(dist, name));
  const kind = extname(name).slice(1);
  const entry = {
    name,
    kind,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  files.push(entry);
  for (const key of [kind, 'total']) {
    totals[key] ??= { raw: 0, gzip: 0, brotli: 0 };
    for (const m of ['raw', 'gzip', 'brotli']) totals[key][m] += entry[m];
  }
}
console.log(JSON.stringify({ files, totals }, null, 2));
