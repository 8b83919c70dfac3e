// The package as Node users meet it: `import … from 'aks-service-connector'` (the `node`
// condition, ready on import), the default entry's init functions, the .wasm subpath exports,
// and the classifier under `aks-service-connector/classify`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as sc from 'aks-service-connector';
import * as classifier from 'aks-service-connector/classify';
import { BLOB_SPEC, JS_DIR, REPO_DIR, runModule } from './helpers.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

test('package.json version equals Cargo.toml and the module version', () => {
  const cargo = readFileSync(`${REPO_DIR}/Cargo.toml`, 'utf8');
  const version = /^\[package\][^[]*?^version = "([^"]+)"/m.exec(cargo)[1];
  assert.equal(pkg.version, version);
  assert.equal(sc.version(), version);
});

test('the node condition resolves to node.js and needs no init', () => {
  assert.equal(fileURLToPath(import.meta.resolve('aks-service-connector')), `${JS_DIR}node.js`);
  const c = sc.catalog();
  assert.equal(c.targets.length, 27);
  assert.equal(Object.getPrototypeOf(c), Object.prototype, 'catalog is a plain object');
});

test('the catalog lists the combinations the docs list no keys for, and they render an empty Secret', () => {
  const { undocumented, keys } = sc.catalog();
  assert.ok(undocumented.length > 0);
  for (const u of undocumented) {
    assert.match(u.source, /^[\w.*/-]+\.md \d{4}-\d\d-\d\d/, JSON.stringify(u));
    assert.ok(u.reason.length > 0, JSON.stringify(u));
    assert.ok(!keys.some((k) => k.target === u.target && k.auth === u.auth && k.client === u.client), JSON.stringify(u));
    const result = sc.render({ target: { type: u.target }, auth: { type: u.auth }, clientType: u.client });
    const secret = result.documents.find((d) => d.kind === 'Secret');
    assert.deepEqual(Object.keys(secret.object.stringData ?? {}), [], JSON.stringify(u));
    assert.ok(result.findings.some((f) => f.code === 'SC026' && f.message.includes(u.reason)), JSON.stringify(u));
  }
});

test('init in Node is a no-op: the node entry is ready on import', async () => {
  await sc.init();
  await sc.default();
  assert.equal(sc.version(), pkg.version);
});

test('every documented export is there', () => {
  for (const name of ['catalog', 'validate', 'render', 'preview', 'plan', 'placeholders', 'version', 'init', 'initSync', 'isServiceConnectorError']) {
    assert.equal(typeof sc[name], 'function', name);
  }
  assert.equal(sc.default, sc.init);
  // The classifier is the second module, under its own subpath.
  assert.equal(sc.classify, undefined);
  for (const name of ['classify', 'version', 'init', 'initSync', 'isServiceConnectorError']) {
    assert.equal(typeof classifier[name], 'function', `classify/${name}`);
  }
  assert.equal(classifier.default, classifier.init);
});

test('placeholders: what a rendered value or plan text still holds, by the module\'s rule', () => {
  assert.deepEqual(sc.placeholders('https://<storage-account-name>.blob.core.windows.net/'), ['<storage-account-name>']);
  assert.deepEqual(sc.placeholders("az aks show --name '<cluster.name>'"), ['<cluster.name>']);
  assert.deepEqual(sc.placeholders('MySQL-DB-password'), ['MySQL-DB-password'], 'a documented example left as it is');
  assert.deepEqual(sc.placeholders('https://mystore.blob.core.windows.net/'), []);
  assert.deepEqual(sc.placeholders('cat <in >out'), [], 'not a placeholder');
  // Every placeholder render leaves in a design with nothing filled is found.
  const r = sc.render({ target: { type: 'storage-blob' }, auth: { type: 'workload-identity' } });
  const secret = r.documents.find((d) => d.kind === 'Secret').object;
  assert.deepEqual(Object.values(secret.stringData).flatMap((v) => sc.placeholders(v)).sort(), ['<client-ID>', '<storage-account-name>']);
  for (const bad of [42, undefined, null, { text: 'x' }]) {
    assert.throws(() => sc.placeholders(bad), (e) => sc.isServiceConnectorError(e) && e.code === 'invalid-input' && e.field === 'text');
  }
  assert.throws(() => sc.placeholders('x'.repeat(1024 * 1024 + 1)), (e) => e.code === 'input-too-large' && e.field === 'text');
});

test('the classify subpath: ready on import in Node, same version, coded errors', () => {
  assert.equal(fileURLToPath(import.meta.resolve('aks-service-connector/classify')), `${JS_DIR}classify-node.js`);
  assert.equal(classifier.version(), pkg.version);
  const d = classifier.classify("ERROR: (GeneralUserError) Execution failed. Operation returned an invalid status code 'Conflict'");
  assert.equal(d.category, 'conflict_cluster_updating');
  assert.deepEqual(JSON.parse(JSON.stringify(d)), d, 'diagnosis is plain JSON data');
  assert.throws(() => classifier.classify(42), (e) => {
    assert.ok(classifier.isServiceConnectorError(e));
    assert.equal(e.code, 'invalid-input');
    assert.equal(e.field, 'text');
    return true;
  });
});

test('render returns yaml, documents with plain objects, and findings', () => {
  const r = sc.render(BLOB_SPEC);
  assert.deepEqual(r.documents.map((d) => d.kind), ['ServiceAccount', 'Secret', 'Job']);
  assert.match(r.yaml, /https:\/\/mystore\.blob\.core\.windows\.net\//);
  const secret = r.documents[1];
  assert.equal(secret.object.metadata.name, secret.name);
  assert.equal(secret.object.stringData.AZURE_STORAGEBLOB_RESOURCEENDPOINT, 'https://mystore.blob.core.windows.net/');
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r, 'result survives a JSON round trip unchanged');
  const data = sc.render(BLOB_SPEC, { secretEncoding: 'data' }).documents[1].object;
  assert.equal(Buffer.from(data.data.AZURE_STORAGEBLOB_RESOURCEENDPOINT, 'base64').toString(), 'https://mystore.blob.core.windows.net/');
});

test('preview is render without the objects, for every combination of the catalog', () => {
  const { targets, cognitiveKinds } = sc.catalog();
  let n = 0;
  for (const t of targets) {
    for (const kind of t.id === 'cognitiveservices' ? cognitiveKinds : [null]) {
      for (const auth of t.authTypes) {
        for (const client of t.clientTypes) {
          const spec = { namespace: 'apps', target: { type: t.id, kind }, auth: { type: auth }, clientType: client };
          for (const options of [undefined, { secretEncoding: 'data' }]) {
            const r = sc.render(spec, options);
            const p = sc.preview(spec, options);
            const at = JSON.stringify({ spec, options });
            assert.deepEqual(Object.keys(p), ['yaml', 'documents', 'findings'], at);
            assert.equal(p.yaml, r.yaml, at);
            assert.deepEqual(p.documents, r.documents.map(({ object, ...d }) => d), at);
            assert.deepEqual(p.findings, r.findings, at);
            n += 1;
          }
        }
      }
    }
  }
  assert.ok(n > 700, `only ${n} combinations`);
  assert.throws(() => sc.preview({ namespace: 'Bad_NS', target: { type: 'storage-blob' } }), {
    code: 'invalid-spec', field: 'namespace',
  });
  assert.throws(() => sc.preview(BLOB_SPEC, { secretEncoding: 'hex' }), { code: 'invalid-input', field: 'options.secretEncoding' });
});

test('errors are Errors with code, field and findings, and the module stays usable', () => {
  const bad = { namespace: 'Bad_NS', target: { type: 'storage-blob' } };
  assert.throws(() => sc.render(bad), (e) => {
    assert.ok(e instanceof Error);
    assert.ok(sc.isServiceConnectorError(e));
    assert.equal(e.code, 'invalid-spec');
    assert.equal(e.field, 'namespace');
    assert.equal(e.findings[0].code, 'SC003');
    assert.match(e.message, /^connection spec is invalid: SC003 namespace: /);
    return true;
  });
  assert.throws(() => sc.validate({ target: { type: 'storage-blob', colour: 'red' } }), {
    code: 'invalid-input',
    field: 'target.colour',
    findings: [],
  });
  assert.throws(() => sc.render(BLOB_SPEC, { secretEncoding: 'hex' }), { code: 'invalid-input', field: 'options.secretEncoding' });
  for (const odd of [undefined, null, 0, 'x', [], () => 1, Symbol('s'), 10n]) {
    assert.throws(() => sc.validate(odd), { code: 'invalid-input', field: '$' }, String(odd));
  }
  assert.equal(sc.isServiceConnectorError(new Error('plain')), false);
  assert.equal(sc.render(BLOB_SPEC).documents.length, 3);
});

test('hostile inputs get a typed error at once, memory stays bounded, and the module stays usable', () => {
  // The release modules as published; initSync on a loaded module returns its exports.
  const memory = () => sc.initSync(new Uint8Array()).memory.buffer.byteLength;
  const before = memory();
  const spec = (patch) => ({ target: { type: 'storage-blob' }, ...patch });
  const cases = [
    ['plan, 200 MB target.account', () => sc.plan({ target: { type: 'storage-blob', account: 'a'.repeat(200 << 20) } }), 'input-too-large', '$'],
    ['render, 50 MB of \\x01 in a value', () => sc.render(spec({ values: { K: '\x01'.repeat(50 << 20) } })), 'input-too-large', '$'],
    ['validate, 50 MB connection name', () => sc.validate(spec({ connectionName: 'n'.repeat(50 << 20) })), 'input-too-large', '$'],
    ['render, a name one byte over its cap', () => sc.render(spec({ namespace: 'n'.repeat(64) })), 'input-too-large', 'namespace'],
    ['validate([...])', () => sc.validate(['c', 'apps', { type: 'storage-blob' }]), 'invalid-input', '$'],
    ['render(spec, [...])', () => sc.render(BLOB_SPEC, ['data']), 'invalid-input', 'options'],
    ['plan(spec, [])', () => sc.plan(BLOB_SPEC, []), 'invalid-input', 'context'],
    ['classify(text, [...])', () => classifier.classify('x', ['rg']), 'invalid-input', 'context'],
  ];
  for (const [what, call, code, field] of cases) {
    const started = Date.now();
    assert.throws(call, (e) => {
      assert.ok(sc.isServiceConnectorError(e), `${what}: ${e}`);
      assert.deepEqual([e.code, e.field], [code, field], `${what}: ${e.message}`);
      assert.ok(e.message.length < 300, `${what}: ${e.message.length} characters`);
      return true;
    });
    assert.ok(Date.now() - started < 5000, `${what}: ${Date.now() - started} ms`);
    assert.equal(sc.render(BLOB_SPEC).documents.length, 3, `render after ${what}`);
  }
  assert.ok(memory() - before < 32 << 20, `memory grew by ${memory() - before} bytes`);
  // A secret typed into the wrong field is not repeated.
  const key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
  for (const wrong of [{ names: key }, { clientType: key }, { target: { type: key } }]) {
    assert.throws(() => sc.render(spec(wrong)), (e) => !e.message.includes(key.slice(0, 12)) && !JSON.stringify(e.findings).includes(key.slice(0, 12)));
  }
});

test('the .wasm subpath exports resolve to the module files', () => {
  for (const name of ['aks_service_connector_bg.wasm', 'aks_service_connector_classify_bg.wasm', 'aks_service_connector_cluster_bg.wasm']) {
    const url = import.meta.resolve(`aks-service-connector/${name}`);
    const bytes = readFileSync(new URL(url));
    assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], name);
    assert.ok(WebAssembly.validate(bytes), name);
  }
});

test('the classify default entry: calls before init fail, initSync and init load it', () => {
  const entry = pathToFileURL(`${JS_DIR}pkg/aks_service_connector_classify.js`).href;
  const wasm = pathToFileURL(`${JS_DIR}pkg/aks_service_connector_classify_bg.wasm`).href;
  for (const load of [
    `m.initSync(readFileSync(new URL(${JSON.stringify(wasm)})))`,
    `await m.init(readFileSync(new URL(${JSON.stringify(wasm)})))`,
  ]) {
    const r = runModule(`
      import { readFileSync } from 'node:fs';
      const m = await import(${JSON.stringify(entry)});
      let before = 'no error';
      try { m.classify('x'); } catch (e) { before = 'threw'; }
      ${load};
      console.log(JSON.stringify({ before, category: m.classify('AADSTS700016: Application with identifier was not found').category }));
    `);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { before: 'threw', category: 'wi_wrong_client_id' }, load);
  }
});

test('the default entry: calls before init fail, initSync and init load the module', () => {
  const entry = pathToFileURL(`${JS_DIR}pkg/aks_service_connector.js`).href;
  const wasm = pathToFileURL(`${JS_DIR}pkg/aks_service_connector_bg.wasm`).href;
  const variants = {
    initSyncBytes: `m.initSync(readFileSync(new URL(${JSON.stringify(wasm)})))`,
    initSyncModule: `m.initSync(new WebAssembly.Module(readFileSync(new URL(${JSON.stringify(wasm)}))))`,
    initBytes: `await m.init(readFileSync(new URL(${JSON.stringify(wasm)})))`,
    initObject: `await m.default({ module_or_path: readFileSync(new URL(${JSON.stringify(wasm)})) })`,
    // What a page that starts the download early passes (js/README "Starting fast").
    initPromisedResponse: `await m.init(Promise.resolve(new Response(readFileSync(new URL(${JSON.stringify(wasm)})), { headers: { 'content-type': 'application/wasm' } })))`,
  };
  for (const [name, load] of Object.entries(variants)) {
    const r = runModule(`
      import { readFileSync } from 'node:fs';
      const m = await import(${JSON.stringify(entry)});
      let before = 'no error';
      try { m.version(); } catch (e) { before = 'threw'; }
      ${load};
      ${load};
      console.log(JSON.stringify({ before, version: m.version(), kinds: m.render(${JSON.stringify(BLOB_SPEC)}).documents.map((d) => d.kind) }));
    `);
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /deprecated/, `${name} uses a deprecated wasm-bindgen form`);
    const got = JSON.parse(r.stdout);
    assert.equal(got.before, 'threw', `${name}: functions work before init`);
    assert.equal(got.version, pkg.version);
    assert.deepEqual(got.kinds, ['ServiceAccount', 'Secret', 'Job'], name);
  }
});
