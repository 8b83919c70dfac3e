// `npm pack` gives a tarball that installs offline into a fresh project and works there:
// the imports (node condition, core and classifier), the .wasm subpath export and the bin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOB_SPEC, JS_DIR } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, NPM_CONFIG_AUDIT: 'false', NPM_CONFIG_FUND: 'false', NPM_CONFIG_UPDATE_NOTIFIER: 'false' };

test('the packed tarball installs and works in a fresh consumer project', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aks-sc-pack-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const [packed] = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', dir], { cwd: JS_DIR, env, encoding: 'utf8' }));
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'README.md', 'classify-node.js', 'classify.d.ts', 'classify.js', 'cli.js', 'index.d.ts', 'index.js',
    'load.js', 'node.js', 'package.json',
    'pkg/aks_service_connector.d.ts', 'pkg/aks_service_connector.js',
    'pkg/aks_service_connector_bg.wasm', 'pkg/aks_service_connector_bg.wasm.d.ts',
    'pkg/aks_service_connector_classify.d.ts', 'pkg/aks_service_connector_classify.js',
    'pkg/aks_service_connector_classify_bg.wasm', 'pkg/aks_service_connector_classify_bg.wasm.d.ts',
  ]);

  const consumer = join(dir, 'consumer');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // The package has no dependencies, so an offline install must succeed.
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], { cwd: consumer, env, stdio: 'pipe' });

  writeFileSync(join(consumer, 'main.js'), `
    import { render, version } from 'aks-service-connector';
    import { classify } from 'aks-service-connector/classify';
    import { readFileSync } from 'node:fs';
    const wasm = readFileSync(new URL(import.meta.resolve('aks-service-connector/aks_service_connector_bg.wasm')));
    const r = render(${JSON.stringify(BLOB_SPEC)});
    const category = classify('AADSTS700016: Application with identifier was not found').category;
    console.log(JSON.stringify({ version: version(), kinds: r.documents.map((d) => d.kind), wasm: WebAssembly.validate(wasm), category }));
  `);
  const run = spawnSync(process.execPath, ['main.js'], { cwd: consumer, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { version: packed.version, kinds: ['ServiceAccount', 'Secret', 'Job'], wasm: true, category: 'wi_wrong_client_id' });

  const bin = spawnSync(join(consumer, 'node_modules', '.bin', 'aks-service-connector'), ['render', '--target', 'storage-blob', '--format', 'json'], { cwd: consumer, encoding: 'utf8' });
  assert.equal(bin.status, 0, bin.stderr);
  assert.equal(JSON.parse(bin.stdout).kind, 'List');
});
