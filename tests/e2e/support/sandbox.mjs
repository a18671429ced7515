// The live path's peers for E2E: the local sandbox (LocalStack's API Gateway, as
// `cargo xtask serve` starts it) and apigw-proxy in front of it, on loopback, started by the
// test itself; boto3 through a small Python helper.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

async function waitForPort(port) {
  for (let i = 0; i < 150; i++) {
    const ok = await new Promise((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(true));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing listens on ${port}`);
}

export class Sandbox {
  async start(appOrigin) {
    // The interpreter of the sandbox's virtual environment, which `cargo xtask` installs.
    const python = process.env.APIGW_SANDBOX_PYTHON;
    if (!python) throw new Error('APIGW_SANDBOX_PYTHON is not set: run the E2E suite through `cargo xtask test`');
    this.sandboxPort = await freePort();
    const state = mkdtempSync(join(tmpdir(), 'apigw-sandbox-'));
    const cache = join(dirname(dirname(python)), 'cache');
    this.sandbox = spawn(python, [`${ROOT}xtask/sandbox/apigateway.py`, String(this.sandboxPort), '--state', state, '--cache', cache],
      { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((resolve, reject) => {
      let text = '';
      this.sandbox.stdout.on('data', (chunk) => { text += chunk; if (text.includes('Ready.')) resolve(); });
      this.sandbox.once('exit', (code) => reject(new Error(`the sandbox exited ${code} before it was ready`)));
    });
    this.sandbox.stdout.resume();
    await waitForPort(this.sandboxPort);
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'sandbox', AWS_SECRET_ACCESS_KEY: 'sandbox', AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' };
    delete env.AWS_PROFILE;
    this.proxy = spawn(`${ROOT}target/debug/apigw-proxy`, ['--port', '0', '--upstream', `http://127.0.0.1:${this.sandboxPort}`, '--allow-origin', appOrigin], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = await new Promise((resolve, reject) => {
      let text = '';
      this.proxy.stdout.on('data', (chunk) => { text += chunk; if (text.split('\n').length > 2) resolve(text.split('\n')); });
      this.proxy.once('exit', (code) => reject(new Error(`apigw-proxy exited ${code}`)));
    });
    this.url = lines[0].replace('apigw-proxy: ', '').trim();
    this.token = lines[1].replace('token: ', '').trim();
    return this;
  }

  /** The fragment that opens the app connected to this sandbox. */
  fragment() { return `connect=${this.url}&token=${this.token}`; }

  /** Runs tests/e2e/support/boto.py against the sandbox; returns its JSON answer. */
  boto(...args) {
    const out = execFileSync('python3', [fileURLToPath(new URL('./boto.py', import.meta.url)), String(this.sandboxPort), ...args], { encoding: 'utf8' });
    return JSON.parse(out);
  }

  /** Runs the apigw CLI against this sandbox's proxy. */
  apigw(...args) {
    return execFileSync(`${ROOT}target/debug/apigw`, [...args, '--endpoint', this.url, '--token', this.token], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  }

  /** Runs the apigw CLI against this sandbox's proxy: { status, stdout, stderr }. */
  apigwRun(...args) {
    return spawnSync(`${ROOT}target/debug/apigw`, [...args, '--endpoint', this.url, '--token', this.token], { encoding: 'utf8' });
  }

  stop() {
    this.proxy?.kill();
    this.sandbox?.kill('SIGKILL');
  }
}
