// aks-service-connector/provision in Chromium: a Vite build of ./provision-page (the Azure SDK's
// browser builds, fetch) runs the whole flow against the fake ARM, across origins, so the fake's
// CORS answers (preflight, exposed Azure-AsyncOperation / Location headers) are exercised too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { JS_DIR } from './helpers.js';
import { launch, openAndWait, serve } from './browser.js';
import { CONFIGURATIONS, ISSUER, startFakeArm } from './fake-arm.js';
import { IDENTITY, IDENTITY_ID, SUB } from './provision-helpers.js';

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

test('a bundled page runs the whole flow through the browser SDK, a failure diagnosed in the page', async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'aks-sc-provision-page-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  const root = join(JS_DIR, 'test', 'provision-page');
  await build({ root, configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022' } });
  // The classifier is a separate chunk (and .wasm), fetched only when something fails.
  const assets = readdirSync(join(outDir, 'assets'));
  assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 2, assets.join(' '));

  // A fresh subscription, a cluster that is updating for two reads, an identity to resolve, and a
  // second connection whose create is refused.
  fake.unregister(SUB, 'Microsoft.KubernetesConfiguration');
  fake.unregister(SUB, 'Microsoft.ServiceLinker');
  fake.behavior.clusterBusyReads = 2;
  fake.identities.set(IDENTITY_ID.toLowerCase(), IDENTITY);
  fake.behavior.putError = {
    linker: 'rejected', status: 403, code: 'AuthorizationFailed',
    message: `The client 'c' with object id 'o' does not have authorization to perform action 'Microsoft.ServiceLinker/linkers/write' over scope '/subscriptions/${SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks/providers/Microsoft.ServiceLinker/linkers/rejected' or the scope is invalid.`,
  };
  const server = await serve({ routes: { '/': outDir } });
  try {
    const got = await openAndWait(browser, `${server.origin}/index.html?arm=${encodeURIComponent(fake.origin)}`);
    assert.equal(got.error, undefined, got.error);
    assert.deepEqual(got.pageErrors, []);
    const r = got.result;
    assert.deepEqual(r.steps, ['plan succeeded', 'providers succeeded', 'cluster succeeded', 'identity succeeded', 'create succeeded', 'configurations succeeded']);
    assert.ok(r.events.includes('providers waiting') && r.events.includes('cluster waiting'), r.events.join(', '));
    assert.equal(r.state, 'Succeeded');
    assert.equal(r.clientId, IDENTITY.clientId);
    assert.equal(r.issuer, ISSUER);
    assert.deepEqual(r.configurations, CONFIGURATIONS.map((c) => c.name));
    assert.deepEqual(r.objects, ['ServiceAccount', 'Secret', 'Job']);
    // Read from a response header: only visible to the page because the fake exposes it.
    assert.match(r.requestId, /^req-\d+$/);
    assert.equal(r.failed.code, 'arm-error');
    assert.equal(r.failed.status, 403);
    assert.equal(r.failed.category, 'authorization_failed');
    assert.ok(r.failed.commands.some((c) => c.includes('/linkers/rejected')), r.failed.commands.join('\n'));
    assert.deepEqual(r.dryWrites, ['PUT']);
    assert.deepEqual(r.connections, ['browser_conn']);
    assert.deepEqual(r.removed, ['plan succeeded null', 'delete succeeded 202']);
    assert.equal(r.signIn, 'function', 'InteractiveBrowserCredential bundles and constructs in the page');
  } finally {
    await server.close();
  }
  const put = fake.requests.find((r) => r.method === 'PUT');
  assert.equal(put.authorization, 'Bearer browser-token');
  assert.equal(put.apiVersion, '2024-07-01-preview');
  assert.equal(put.body.properties.scope, 'apps');
  assert.equal(put.body.properties.authInfo.clientId, IDENTITY.clientId);
  assert.ok(put.headers.origin, 'a cross-origin request');
  assert.ok(!fake.calls().includes('PUT …/linkers/dry_conn'), 'the dry run sent no write');
  assert.deepEqual(fake.calls().filter((c) => /^(PUT|DELETE|POST providers)/.test(c)), [
    'POST providers/Microsoft.KubernetesConfiguration/register', 'POST providers/Microsoft.ServiceLinker/register',
    'PUT …/linkers/browser_conn', 'PUT …/linkers/rejected', 'DELETE …/linkers/browser_conn',
  ]);
});
