// Runs the Playwright suite and prints `e2e: N passed, N failed` from its JSON report,
// the summary line `cargo xtask test` reads.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

rmSync('test-results/results.json', { force: true });
const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync('test-results/results.json', 'utf8'));
  passed = report.stats.expected + (report.stats.flaky ?? 0);
  failed = report.stats.unexpected;
} catch (error) {
  console.error(`e2e: no JSON report (${error.message})`);
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
