// www/serve.mjs answers every request and keeps serving: malformed percent-encoding is a 400,
// methods other than GET and HEAD a 405, a path outside the root a 403; every answer carries
// the CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, CSP, TEST_ARM_META, csp } from '../serve.mjs';

let server;
let root;
const PAGE = '<!doctype html><html><head><title>t</title></head><body>page</body></html>';

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'aks-sc-serve-'));
  writeFileSync(join(root, 'index.html'), PAGE);
  writeFileSync(join(root, 'app.js'), 'export {};');
  server = await start(0, { root });
});
after(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw request: the path is sent byte for byte, as a client that does not normalise would. */
function send(method, path, port = server.address().port) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves the page and its assets with the CSP', async () => {
  const page = await send('GET', '/');
  assert.equal(page.status, 200);
  assert.equal(page.body, PAGE);
  assert.equal(page.headers['content-security-policy'], CSP);
  assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(CSP, /unsafe-inline/);
  const js = await send('GET', '/app.js');
  assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
  const head = await send('HEAD', '/');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
});

test('a malformed URL is a 400 with the CSP, and the server keeps serving', async () => {
  for (const path of ['/%E0%A4%A', '/%', '/%zz', '/a%00b']) {
    const r = await send('GET', path);
    assert.equal(r.status, 400, path);
    assert.equal(r.headers['content-security-policy'], CSP, path);
  }
  assert.equal((await send('GET', '/')).status, 200);
});

test('POST, PUT, DELETE and PATCH are 405 with Allow and the CSP, not the page', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    const r = await send(method, '/');
    assert.equal(r.status, 405, method);
    assert.equal(r.headers.allow, 'GET, HEAD');
    assert.equal(r.headers['content-security-policy'], CSP);
    assert.notEqual(r.body, PAGE);
  }
});

test('missing files are 404 and paths outside the root 403, both with the CSP', async () => {
  const missing = await send('GET', '/nope.js');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers['content-security-policy'], CSP);
  const outside = await send('GET', '/..%2f..%2f..%2fetc/passwd');
  assert.equal(outside.status, 403);
  assert.equal(outside.headers['content-security-policy'], CSP);
  assert.equal((await send('GET', '/')).status, 200);
});

test('only a server started with testArm hands the page a fake ARM, and lets it connect there', async () => {
  assert.doesNotMatch((await send('GET', '/')).body, new RegExp(TEST_ARM_META));
  const arm = 'http://127.0.0.1:1';
  const testServer = await start(0, { root, testArm: arm });
  try {
    const r = await send('GET', '/', testServer.address().port);
    assert.match(r.body, new RegExp(`<meta name="${TEST_ARM_META}" content="${arm}">`));
    assert.equal(r.headers['content-security-policy'], csp([arm]));
    assert.match(r.headers['content-security-policy'], /connect-src 'self' https:\/\/management\.azure\.com https:\/\/login\.microsoftonline\.com http:\/\/127\.0\.0\.1:1/);
  } finally {
    testServer.close();
  }
});
