// The package in Chromium: under exactly the VS Code webview CSP, and built by Vite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { JS_DIR, BLOB_SPEC } from './helpers.js';
import { launch, openAndWait, serve } from './browser.js';

/** The CSP a VS Code webview sets for this package, with the server's origin as cspSource. */
const webviewCsp = (origin) =>
  `default-src 'none'; script-src ${origin} 'wasm-unsafe-eval'; connect-src ${origin}; style-src ${origin}`;

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>webview</title></head>
<body><pre id="out"></pre><script type="module" src="/app.js"></script></body></html>`;

// Loads the package as a webview does: the default entry, init() fetching the .wasm from the same origin.
const APP = `
import { init, render, version, isServiceConnectorError } from '/aks-service-connector/pkg/aks_service_connector.js';
try {
  await init();
  const r = render(${JSON.stringify(BLOB_SPEC)});
  let code = null;
  try { render({ target: { type: 'storage-blob' }, namespace: 'Bad_NS' }); } catch (e) { code = isServiceConnectorError(e) && e.code; }
  document.getElementById('out').textContent = r.yaml;
  document.body.dataset.result = JSON.stringify({ version: version(), kinds: r.documents.map((d) => d.kind), code });
} catch (e) {
  document.body.dataset.error = String(e);
}
`;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('initialises and renders under exactly the VS Code webview CSP', async () => {
  const server = await serve({
    routes: { '/aks-service-connector/': JS_DIR },
    pages: { '/': PAGE, '/app.js': APP },
    headers: (origin) => ({ 'content-security-policy': webviewCsp(origin) }),
  });
  try {
    const got = await openAndWait(browser, `${server.origin}/`);
    assert.equal(got.error, undefined, got.error);
    assert.deepEqual(got.result.kinds, ['ServiceAccount', 'Secret', 'Job']);
    assert.equal(got.result.code, 'invalid-spec');
    assert.deepEqual(got.pageErrors, []);
    assert.deepEqual(got.consoleErrors, []);
  } finally {
    await server.close();
  }
});

// The cluster module beside the core, each its own entry and .wasm, as a page that checks drift
// or composes a workload's connections loads them.
const CLUSTER_APP = `
import { init, render } from '/aks-service-connector/pkg/aks_service_connector.js';
import * as cluster from '/aks-service-connector/pkg/aks_service_connector_cluster.js';
try {
  await Promise.all([init(), cluster.init()]);
  const spec = ${JSON.stringify(BLOB_SPEC)};
  const held = JSON.stringify(render(spec).documents.map((d) => d.object));
  const drift = cluster.drift(spec, held).findings.map((f) => f.code);
  const wired = cluster.wire(spec, { kind: 'Deployment', name: 'web', containers: [{ name: 'app', index: 0 }] });
  let tooLarge = null;
  try { cluster.drift(spec, ' '.repeat(9 << 20)); } catch (e) { tooLarge = cluster.isServiceConnectorError(e) && [e.code, e.field]; }
  const set = { connections: [{ spec }, { spec: { connectionName: 'vault_conn', namespace: spec.namespace, target: { type: 'keyvault' } } }] };
  const composed = cluster.composeWorkload(set).documents.map((d) => d.kind);
  document.body.dataset.result = JSON.stringify({ drift, forms: Object.keys(wired), composed, tooLarge, version: cluster.version() });
} catch (e) {
  document.body.dataset.error = String(e);
}
`;

test('the cluster module initialises and runs under exactly the VS Code webview CSP', async () => {
  const server = await serve({
    routes: { '/aks-service-connector/': JS_DIR },
    pages: { '/': PAGE, '/app.js': CLUSTER_APP },
    headers: (origin) => ({ 'content-security-policy': webviewCsp(origin) }),
  });
  try {
    const got = await openAndWait(browser, `${server.origin}/`);
    assert.equal(got.error, undefined, got.error);
    assert.deepEqual(got.result.drift, ['SD009']);
    assert.deepEqual(got.result.forms, ['strategicMerge', 'kustomize', 'jsonPatch']);
    assert.deepEqual(got.result.composed, ['ServiceAccount', 'Secret', 'SecretProviderClass', 'Job']);
    assert.deepEqual(got.result.tooLarge, ['input-too-large', 'cluster']);
    assert.deepEqual(got.pageErrors, []);
    assert.deepEqual(got.consoleErrors, []);
  } finally {
    await server.close();
  }
});

test('control: without wasm-unsafe-eval the same page fails, so the CSP is really enforced', async () => {
  const server = await serve({
    routes: { '/aks-service-connector/': JS_DIR },
    pages: { '/': PAGE, '/app.js': APP },
    headers: (origin) => ({ 'content-security-policy': webviewCsp(origin).replace(" 'wasm-unsafe-eval'", '') }),
  });
  try {
    const got = await openAndWait(browser, `${server.origin}/`);
    assert.equal(got.result, undefined);
    assert.match(got.error, /CompileError|unsafe-eval|Content Security Policy/i);
  } finally {
    await server.close();
  }
});

test('a Vite build of a consumer app emits the .wasm and works', async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'aks-sc-vite-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  await build({
    root: join(JS_DIR, 'examples', 'vite-app'),
    configFile: join(JS_DIR, 'examples', 'vite-app', 'vite.config.js'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const assets = readdirSync(join(outDir, 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `no .wasm among ${assets.join(', ')}`);
  const server = await serve({ routes: { '/': outDir } , pages: {} });
  try {
    const got = await openAndWait(browser, `${server.origin}/index.html`);
    assert.equal(got.error, undefined, got.error);
    assert.deepEqual(got.result.kinds, ['ServiceAccount', 'Secret', 'Job']);
    assert.deepEqual(got.pageErrors, []);
  } finally {
    await server.close();
  }
});
