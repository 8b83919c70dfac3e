// `npm pack` gives a tarball that installs offline into a fresh project and works there:
// the imports (node condition: core, classifier, cluster module), the .wasm subpath export and the bin.
// `aks-service-connector/provision` needs its optional peers (the Azure SDK), which an install
// leaves out: without them only that entry fails to load; with them it provisions (fake ARM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BLOB_SPEC, JS_DIR, REPO_DIR } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, NPM_CONFIG_AUDIT: 'false', NPM_CONFIG_FUND: 'false', NPM_CONFIG_UPDATE_NOTIFIER: 'false' };

test('the packed tarball installs and works in a fresh consumer project', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aks-sc-pack-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const [packed] = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', dir], { cwd: JS_DIR, env, encoding: 'utf8' }));
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'README.md', 'classify-node.js', 'classify.d.ts', 'cli-cluster.js', 'cli.js', 'cluster-node.js', 'cluster-text.js', 'cluster.d.ts', 'index.d.ts', 'node.js', 'package.json',
    'pkg/aks_service_connector.d.ts', 'pkg/aks_service_connector.js',
    'pkg/aks_service_connector_bg.wasm', 'pkg/aks_service_connector_bg.wasm.d.ts',
    'pkg/aks_service_connector_classify.d.ts', 'pkg/aks_service_connector_classify.js',
    'pkg/aks_service_connector_classify_bg.wasm', 'pkg/aks_service_connector_classify_bg.wasm.d.ts',
    'pkg/aks_service_connector_cluster.d.ts', 'pkg/aks_service_connector_cluster.js',
    'pkg/aks_service_connector_cluster_bg.wasm', 'pkg/aks_service_connector_cluster_bg.wasm.d.ts',
    'provision.d.ts', 'provision.js',
    'provision/api-versions.js', 'provision/arm.js', 'provision/checks.js', 'provision/credentials.js',
    'provision/diagnose.js', 'provision/errors.js', 'provision/linkers.js', 'provision/redact.js',
    'provision/run.js', 'provision/wait.js',
  ]);

  const consumer = join(dir, 'consumer');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // The package's one dependency (yaml, for the command's YAML specs) comes from the workspace's
  // copy, packed, so that the install stays offline; the Azure peers are optional.
  const [yaml] = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', dir, join(REPO_DIR, 'node_modules', 'yaml')], { env, encoding: 'utf8' }));
  assert.equal(yaml.version, JSON.parse(readFileSync(join(JS_DIR, 'package.json'), 'utf8')).dependencies.yaml, 'the pinned version');
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', join(dir, yaml.filename), join(dir, packed.filename)], { cwd: consumer, env, stdio: 'pipe' });

  writeFileSync(join(consumer, 'main.js'), `
    import { render, version } from 'aks-service-connector';
    import { classify } from 'aks-service-connector/classify';
    import { drift, wire } from 'aks-service-connector/cluster';
    import { readFileSync } from 'node:fs';
    const wasm = readFileSync(new URL(import.meta.resolve('aks-service-connector/aks_service_connector_bg.wasm')));
    const r = render(${JSON.stringify(BLOB_SPEC)});
    const category = classify('AADSTS700016: Application with identifier was not found').category;
    const held = JSON.stringify(r.documents.map((d) => d.object));
    const drifted = drift(${JSON.stringify(BLOB_SPEC)}, held).findings.map((f) => f.code);
    const wired = Object.keys(wire(${JSON.stringify(BLOB_SPEC)}, { kind: 'Deployment', name: 'web', containers: [{ name: 'app', index: 0 }] }));
    const clusterWasm = readFileSync(new URL(import.meta.resolve('aks-service-connector/aks_service_connector_cluster_bg.wasm')));
    console.log(JSON.stringify({ version: version(), kinds: r.documents.map((d) => d.kind), wasm: WebAssembly.validate(wasm) && WebAssembly.validate(clusterWasm), category, drifted, wired }));
  `);
  const run = spawnSync(process.execPath, ['main.js'], { cwd: consumer, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {
    version: packed.version, kinds: ['ServiceAccount', 'Secret', 'Job'], wasm: true, category: 'wi_wrong_client_id',
    drifted: ['SD009'], wired: ['strategicMerge', 'kustomize', 'jsonPatch'],
  });

  // diff reads kubectl's YAML through the installed yaml dependency and the cluster module.
  const held = spawnSync(join(consumer, 'node_modules', '.bin', 'aks-service-connector'), ['render', '--target', 'storage-blob', '--namespace', 'apps'], { cwd: consumer, encoding: 'utf8' });
  const diff = spawnSync(join(consumer, 'node_modules', '.bin', 'aks-service-connector'), ['diff', '--target', 'storage-blob', '--namespace', 'apps'], {
    cwd: consumer, encoding: 'utf8', input: held.stdout.replaceAll('namespace: apps', 'namespace: other'),
  });
  assert.equal(diff.status, 1, diff.stderr);
  assert.match(diff.stdout, /^error SD002 cluster\[0\]\.metadata\.namespace: /);

  const bin = spawnSync(join(consumer, 'node_modules', '.bin', 'aks-service-connector'), ['render', '--target', 'storage-blob', '--format', 'json'], { cwd: consumer, encoding: 'utf8' });
  assert.equal(bin.status, 0, bin.stderr);
  assert.equal(JSON.parse(bin.stdout).kind, 'List');

  // The optional peers are not installed: the provision entry names the missing one.
  const bare = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('aks-service-connector/provision')"], { cwd: consumer, encoding: 'utf8' });
  assert.notEqual(bare.status, 0);
  assert.match(bare.stderr, /ERR_MODULE_NOT_FOUND[\s\S]*@azure-rest\/core-client|Cannot find package '@azure-rest\/core-client'/);

  // With the peers (the workspace's copies), the packed entry loads the packed core and provisions.
  for (const scope of ['@azure', '@azure-rest']) {
    symlinkSync(join(REPO_DIR, 'node_modules', scope), join(consumer, 'node_modules', scope), 'dir');
  }
  const fakeArm = pathToFileURL(join(JS_DIR, 'test', 'fake-arm.js')).href;
  writeFileSync(join(consumer, 'provision.js'), `
    import { provision } from 'aks-service-connector/provision';
    import { startFakeArm, fakeClientOptions, fakeCredential } from ${JSON.stringify(fakeArm)};
    const fake = await startFakeArm();
    const sub = '00000000-0000-0000-0000-000000000000';
    const spec = { connectionName: 'blob', namespace: 'apps', auth: { type: 'connection-string' },
      target: { type: 'storage-blob', account: 'mystore', resourceGroup: 'rg', subscription: sub },
      cluster: { subscription: sub, resourceGroup: 'rg', name: 'aks' } };
    try {
      const r = await provision(spec, { credential: fakeCredential(), clientOptions: fakeClientOptions(fake), pollIntervalMs: 1 });
      console.log(JSON.stringify(r.steps.map((s) => s.status)));
    } finally { await fake.close(); }
  `);
  const provisioned = spawnSync(process.execPath, ['provision.js'], { cwd: consumer, encoding: 'utf8' });
  assert.equal(provisioned.status, 0, provisioned.stderr);
  assert.deepEqual(JSON.parse(provisioned.stdout), ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
});
