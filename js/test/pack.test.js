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
import { BLOB_SPEC, JS_DIR, REPO_DIR, ROOT_README, markdownBlock } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, NPM_CONFIG_AUDIT: 'false', NPM_CONFIG_FUND: 'false', NPM_CONFIG_UPDATE_NOTIFIER: 'false' };

// The repository README's install commands and its Node example, as a consumer runs them.
const install = markdownBlock(ROOT_README, 'sh', 'npm pack ./js');
const connect = markdownBlock(ROOT_README, 'js', '// connect.mjs');
const clusterExample = markdownBlock(ROOT_README, 'js', '// cluster.mjs');

/** Runs the README's Node example in `consumer`: it renders and prints the az command. */
function runConnect(consumer) {
  writeFileSync(join(consumer, 'connect.mjs'), connect);
  const run = spawnSync(process.execPath, ['connect.mjs'], { cwd: consumer, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^kind: ServiceAccount$[\s\S]*^kind: Secret$[\s\S]*^kind: Job$/m);
  assert.match(run.stdout, /^az aks connection create storage-blob --connection storageblob_conn /m);
  // The cluster module's example: the wiring patch, the composed workload, the drift codes.
  writeFileSync(join(consumer, 'cluster.mjs'), clusterExample);
  const cluster = spawnSync(process.execPath, ['cluster.mjs'], { cwd: consumer, encoding: 'utf8' });
  assert.equal(cluster.status, 0, cluster.stderr);
  assert.match(cluster.stdout, /^kind: Deployment$/m);
  assert.match(cluster.stdout, /name: sc-blob-conn-secret[\s\S]*name: sc-bus-conn-secret[\s\S]*name: sc-sample-deployment/);
  assert.match(cluster.stdout, /'SD001'/);
}

test('the packed tarball installs and works in a fresh consumer project', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aks-sc-pack-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // As the README says, from the checkout's root (into the scratch folder rather than the checkout).
  assert.match(install, /^npm pack \.\/js /m);
  const [packed] = JSON.parse(execFileSync(npm, ['pack', './js', '--json', '--pack-destination', dir], { cwd: REPO_DIR, env, encoding: 'utf8' }));
  assert.match(install, new RegExp(`writes ${packed.filename.replaceAll('.', '\\.')}`), 'the README names the tarball npm pack writes');
  assert.match(install, new RegExp(`npm install \\S*/${packed.filename.replaceAll('.', '\\.')}$`, 'm'));
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'README.md', 'classify-node.js', 'classify.d.ts', 'cli-cluster.js', 'cli.js',
    'cli/args.js', 'cli/commands.js', 'cli/commands/catalog.js', 'cli/commands/classify.js', 'cli/commands/cluster.js', 'cli/commands/common.js', 'cli/commands/compose.js',
    'cli/commands/limits.js', 'cli/commands/plan.js', 'cli/commands/render.js', 'cli/commands/validate.js',
    'cli/commands/version.js', 'cli/errors.js', 'cli/input.js', 'cli/io.js', 'cli/out-dir.js', 'cli/plan-parts.js',
    'cli/spec-flags.js', 'cli/strict.js', 'cli/yaml.js', 'cluster-node.js', 'cluster-text.js', 'cluster.d.ts',
    'index.d.ts', 'node.js', 'package.json',
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
  runConnect(consumer);

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
  const yamlSpec = spawnSync(join(consumer, 'node_modules', '.bin', 'aks-service-connector'), ['render', '--spec', '-', '--strict'], {
    cwd: consumer, encoding: 'utf8', input: 'target: {type: storage-blob, account: mystore}\nauth: {type: connection-string}\nnamespace: apps\n',
  });
  assert.equal(yamlSpec.status, 1, yamlSpec.stderr);
  assert.match(yamlSpec.stderr, /--strict: .*\n {2}Secret\/\S+ stringData\.AZURE_STORAGEBLOB_CONNECTIONSTRING: <account-key>/);

  // The optional peers are not installed: the provision entry names the missing one.
  const bare = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('aks-service-connector/provision')"], { cwd: consumer, encoding: 'utf8' });
  assert.notEqual(bare.status, 0);
  assert.match(bare.stderr, /ERR_MODULE_NOT_FOUND[\s\S]*@azure-rest\/core-client|Cannot find package '@azure-rest\/core-client'/);

  // Its types need no peer: a TypeScript project without them type-checks against the entry.
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [], skipLibCheck: false, exactOptionalPropertyTypes: true },
    files: ['bare.ts'],
  }));
  writeFileSync(join(consumer, 'bare.ts'), [
    "import { credentialFromGetToken, provision, type ProvisionResult } from 'aks-service-connector/provision';",
    'export const run = (): Promise<ProvisionResult> => provision({ target: { type: \'storage-blob\' } }, { credential: credentialFromGetToken(() => \'token\') });',
    '// @ts-expect-error the options are typed, not any',
    'provision({ target: { type: \'storage-blob\' } }, { credential: \'token\' });',
  ].join('\n'));
  const tsc = spawnSync(process.execPath, [join(REPO_DIR, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], { cwd: consumer, encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);

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

test('a path install of the checkout\'s js/ folder works (the README\'s alternative)', (t) => {
  const consumer = mkdtempSync(join(tmpdir(), 'aks-sc-path-'));
  t.after(() => rmSync(consumer, { recursive: true, force: true }));
  const readme = readFileSync(ROOT_README, 'utf8');
  assert.match(readme, /`npm install \.\.\/aks-service-connector\/js`/);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', JS_DIR], { cwd: consumer, env, stdio: 'pipe' });
  runConnect(consumer);
});
