// tools/link-entry.mjs: the published browser entries are single files (one fetch before
// the .wasm) with our wrappers linked in, and the tool refuses inputs it does not recognise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JS_DIR, REPO_DIR, runModule } from './helpers.js';

const TOOL = join(REPO_DIR, 'tools', 'link-entry.mjs');
const ENTRIES = {
  'pkg/aks_service_connector.js': ['catalog', 'default', 'init', 'initSync', 'isServiceConnectorError', 'limits', 'placeholders', 'plan', 'preview', 'render', 'validate', 'version'],
  'pkg/aks_service_connector_classify.js': ['classify', 'default', 'explain', 'init', 'initSync', 'isServiceConnectorError', 'limits', 'version'],
  'pkg/aks_service_connector_cluster.js': ['composeWorkload', 'default', 'drift', 'init', 'initSync', 'isServiceConnectorError', 'limits', 'version', 'wire'],
};

const link = (...paths) => spawnSync(process.execPath, [TOOL, ...paths], { encoding: 'utf8' });

test('each browser entry imports nothing and exports exactly its API', () => {
  for (const [file, names] of Object.entries(ENTRIES)) {
    const source = readFileSync(join(JS_DIR, file), 'utf8');
    assert.doesNotMatch(source, /^\s*import\b|\bimport\s*\(|^\s*export\s.*\bfrom\b/m, `${file} loads another module`);
    const r = runModule(`
      const m = await import(${JSON.stringify(pathToFileURL(join(JS_DIR, file)).href)});
      console.log(JSON.stringify(Object.keys(m).sort()));
    `);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), names, file);
  }
});

test('the linked init accepts a bare source without the glue\'s deprecation warning', () => {
  const wasm = pathToFileURL(join(JS_DIR, 'pkg/aks_service_connector_bg.wasm')).href;
  const r = runModule(`
    import { readFileSync } from 'node:fs';
    const m = await import(${JSON.stringify(pathToFileURL(join(JS_DIR, 'pkg/aks_service_connector.js')).href)});
    await m.init(readFileSync(new URL(${JSON.stringify(wasm)})));
    console.log(m.version());
  `);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  assert.equal(r.stderr, '', 'no console.warn from the glue');
});

test('link-entry refuses inputs it does not recognise, naming what it expected', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aks-sc-link-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const load = join(dir, 'load.js');
  const glue = join(dir, 'glue.js');
  const GOOD_LOAD = 'export function loaders(a, b) { return { init: a, initSync: b }; }\nexport function isServiceConnectorError() { return false; }\n';
  const GOOD_GLUE = 'async function __wbg_init() {}\nfunction initSync() {}\nexport function version() { return "1"; }\nexport { initSync, __wbg_init as default };\n';

  const cases = [
    [GOOD_GLUE.replace('export { initSync, __wbg_init as default };', 'export { initSync };'), GOOD_LOAD, /expected .* to end with `export \{ initSync, __wbg_init as default \};`, found `export \{ initSync \};`/],
    [`import x from './other.js';\n${GOOD_GLUE}`, GOOD_LOAD, /to import nothing \(one file per entry\)/],
    [GOOD_GLUE, GOOD_LOAD.replace('export function isServiceConnectorError', 'function isServiceConnectorError'), /to export exactly function loaders, function isServiceConnectorError, found function loaders/],
    [GOOD_GLUE, `import { x } from './x.js';\n${GOOD_LOAD}`, /load\.js to import nothing/],
    [`function loaders() {}\n${GOOD_GLUE}`, GOOD_LOAD, /already declares `loaders`/],
  ];
  for (const [glueText, loadText, message] of cases) {
    writeFileSync(glue, glueText);
    writeFileSync(load, loadText);
    const r = link(glue, load);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(readFileSync(glue, 'utf8'), glueText, 'a refused glue is left as it was');
  }

  writeFileSync(glue, GOOD_GLUE);
  writeFileSync(load, GOOD_LOAD);
  assert.equal(link(glue, load).status, 0);
  const again = link(glue, load);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already linked/);
  assert.equal(link(glue).status, 2, 'usage error without both paths');
});

test('link-entry puts inline_js snippets in place of their imports and removes them', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aks-sc-link-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const load = join(dir, 'load.js');
  const glue = join(dir, 'glue.js');
  const snippetDir = join(dir, 'snippets', 'crate-0123abcd');
  mkdirSync(snippetDir, { recursive: true });
  writeFileSync(load, 'export function loaders(a, b) { return { init: a, initSync: b }; }\nexport function isServiceConnectorError() { return false; }\n');
  const GLUE = "import { twice } from './snippets/crate-0123abcd/inline0.js';\nasync function __wbg_init() {}\nfunction initSync() {}\nexport function version() { return twice('1'); }\nexport { initSync, __wbg_init as default };\n";

  writeFileSync(join(snippetDir, 'inline0.js'), "import { x } from './x.js';\nexport function twice(s) { return s + s; }\n");
  writeFileSync(glue, GLUE);
  let r = link(glue, load);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /inline0\.js to import nothing/);

  writeFileSync(join(snippetDir, 'inline0.js'), 'export function thrice(s) { return s + s + s; }\n');
  r = link(glue, load);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /to export the functions twice, found thrice/);

  writeFileSync(join(snippetDir, 'inline0.js'), 'export function twice(s) { return s + s; }\n');
  r = link(glue, load);
  assert.equal(r.status, 0, r.stderr);
  const linked = readFileSync(glue, 'utf8');
  assert.doesNotMatch(linked, /^\s*import\b/m);
  assert.match(linked, /^function twice\(s\)/m);
  assert.equal(existsSync(join(dir, 'snippets')), false, 'the snippets are removed');
  const m = runModule(`const m = await import(${JSON.stringify(pathToFileURL(glue).href)}); console.log(m.version());`);
  assert.equal(m.code, 0, m.stderr);
  assert.equal(m.stdout, '11\n');
});
