// The README's examples run as written: the Node ones in Node, the no-bundler page in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { JS_DIR, JS_README, markdownBlock, runModule } from './helpers.js';
import { launch, serve } from './browser.js';

const readme = readFileSync(JS_README, 'utf8');
const block = (lang, marker) => markdownBlock(JS_README, lang, marker);

test('the Node examples run', () => {
  for (const marker of ["import { render } from 'aks-service-connector'; // Node", '// main.mjs', "render({ namespace: 'Bad_NS'"]) {
    const r = runModule(block('js', marker));
    assert.equal(r.code, 0, `${marker}: ${r.stderr}`);
  }
  const intro = runModule(block('js', '// Node: ready on import'));
  assert.match(intro.stdout, /kind: ServiceAccount[\s\S]*kind: Secret[\s\S]*kind: Job/);
  const diagnose = runModule(block('js', '// diagnose.mjs'));
  assert.equal(diagnose.code, 0, diagnose.stderr);
  assert.match(diagnose.stdout, /^wi_wrong_client_id /);
});

test('the drift example reads what the cluster holds from standard input', async () => {
  const { render } = await import('aks-service-connector');
  const spec = { namespace: 'apps', target: { type: 'storage-blob', account: 'mystore' } };
  const items = render(spec).documents.map((d) => d.object);
  delete items.find((o) => o.kind === 'Secret').stringData.AZURE_STORAGEBLOB_RESOURCEENDPOINT;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', block('js', '// drift.mjs')], {
    cwd: JS_DIR, encoding: 'utf8', input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^error SD003 cluster\.items\[1\]\.data Secret sc-storageblob-conn-secret: expected key AZURE_STORAGEBLOB_RESOURCEENDPOINT, found none\ninfo SD009 /);
});

test('the provisioning example runs against the fake ARM', () => {
  // Two substitutions, each checked so the README cannot drift from them: the fake's credential and
  // client options instead of DefaultAzureCredential (no Azure here), and the fake's lifetime.
  const code = block('js', '// provision.mjs');
  const identity = "import { DefaultAzureCredential } from '@azure/identity';\n";
  const credential = 'credential: new DefaultAzureCredential(),';
  assert.ok(code.includes(identity) && code.includes(credential), 'the README example uses DefaultAzureCredential');
  const fakeArm = JSON.stringify(new URL('./fake-arm.js', import.meta.url).href);
  const run = runModule([
    `import { startFakeArm, fakeClientOptions, fakeCredential } from ${fakeArm};`,
    'const fake = await startFakeArm();',
    code.replace(identity, '').replace(credential, 'credential: fakeCredential(), clientOptions: fakeClientOptions(fake), pollIntervalMs: 1,'),
    'await fake.close();',
  ].join('\n'));
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.match(run.stdout, /^plan running plan the connection\n[\s\S]*^cluster succeeded cluster my-aks is Succeeded\n[\s\S]*^create succeeded create of linker storage_conn\n[\s\S]*^\/subscriptions\/\S+\/linkers\/storage_conn Succeeded\nAZURE_STORAGEBLOB_RESOURCEENDPOINT AZURE_STORAGEBLOB_CLIENTID\n$/m);
});

test('the api-version table is the one the shell uses', async () => {
  const { API_VERSIONS } = await import('aks-service-connector/provision');
  const rows = Object.fromEntries([...readme.matchAll(/^\| [^|]*\(`(Microsoft\.[A-Za-z]+)`\) \| `([^`]+)` \|$/gm)].map((m) => [m[1], m[2]]));
  assert.deepEqual(rows, {
    'Microsoft.Resources': API_VERSIONS.providers.apiVersion,
    'Microsoft.ContainerService': API_VERSIONS.managedClusters.apiVersion,
    'Microsoft.ManagedIdentity': API_VERSIONS.userAssignedIdentities.apiVersion,
    'Microsoft.KubernetesConfiguration': API_VERSIONS.extensions.apiVersion,
  });
});

test('the browser example without a bundler runs', async () => {
  const html = block('html', '<script type="module">');
  const server = await serve({ routes: { '/aks-service-connector/': JS_DIR }, pages: { '/': html } });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => document.getElementById('out').textContent.includes('kind: Secret'), null, { timeout: 15000 });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
