// aks-service-connector/provision in Chromium: a Vite build of ./provision-page (the Azure SDK's
// browser builds, fetch) provisions, fails and deletes against the fake ARM, across origins, so the
// fake's CORS answers (preflight, exposed Azure-AsyncOperation / Location headers) are exercised too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { JS_DIR } from './helpers.js';
import { launch, openAndWait, serve } from './browser.js';
import { startFakeArm } from './fake-arm.js';

let browser;
let fake;
before(async () => {
  browser = await launch();
  fake = await startFakeArm();
});
after(async () => {
  await browser?.close();
  await fake?.close();
});

test('a bundled page provisions, reports an ARM error and deletes through the browser SDK', async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'aks-sc-provision-page-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  const root = join(JS_DIR, 'test', 'provision-page');
  await build({ root, configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022' } });

  fake.behavior.putError = { linker: 'rejected', status: 409, code: 'Conflict', message: 'The cluster is updating.' };
  const server = await serve({ routes: { '/': outDir } });
  try {
    const got = await openAndWait(browser, `${server.origin}/index.html?arm=${encodeURIComponent(fake.origin)}`);
    assert.equal(got.error, undefined, got.error);
    assert.deepEqual(got.pageErrors, []);
    assert.deepEqual(got.result.steps, ['create succeeded 201 Succeeded', 'delete succeeded 202 null']);
    assert.equal(got.result.state, 'Succeeded');
    // Read from a response header: only visible to the page because the fake exposes it.
    assert.equal(got.result.requestId, 'req-1');
    assert.deepEqual(got.result.failed, { code: 'arm-error', status: 409, armCode: 'Conflict' });
  } finally {
    await server.close();
  }
  const put = fake.requests.find((r) => r.method === 'PUT');
  assert.equal(put.authorization, 'Bearer browser-token');
  assert.equal(put.apiVersion, '2024-07-01-preview');
  assert.equal(put.body.properties.scope, 'apps');
  assert.ok(put.headers.origin, 'a cross-origin request');
  assert.deepEqual(fake.calls(), ['PUT …/linkers/browser_conn', 'GET …/linkers/browser_conn', 'PUT …/linkers/rejected', 'DELETE …/linkers/browser_conn']);
});
