// `aks-service-connector/cluster` as Node users meet it: the third module (drift, wire), ready
// on import under the `node` condition, its default entry's init functions, and hostile inputs
// refused with typed errors through the released module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as sc from 'aks-service-connector';
import * as cluster from 'aks-service-connector/cluster';
import { BLOB_SPEC, JS_DIR, runModule } from './helpers.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const CLIENT_ID = '00001111-aaaa-2222-bbbb-3333cccc4444';
/** A design whose every value is known, so drift compares them all. */
const SPEC = { ...BLOB_SPEC, auth: { type: 'workload-identity', clientId: CLIENT_ID } };
/** What the cluster holds when it holds exactly the design: its rendered objects, as a List. */
const held = (spec = SPEC) => ({ apiVersion: 'v1', kind: 'List', items: sc.render(spec).documents.map((d) => d.object) });

test('the cluster subpath resolves to cluster-node.js, is ready on import and has its own exports', () => {
  assert.equal(fileURLToPath(import.meta.resolve('aks-service-connector/cluster')), `${JS_DIR}cluster-node.js`);
  assert.equal(cluster.version(), pkg.version);
  for (const name of ['drift', 'wire', 'composeWorkload', 'limits', 'version', 'init', 'initSync', 'isServiceConnectorError']) {
    assert.equal(typeof cluster[name], 'function', name);
  }
  assert.equal(cluster.default, cluster.init);
  // drift and wire live in this module only: the core stays within its budget without them.
  assert.equal(sc.drift, undefined);
  assert.equal(sc.wire, undefined);
  assert.equal(cluster.render, undefined);
  // The same cap table in every module, the cluster rows included.
  assert.deepEqual(cluster.limits(), sc.limits());
  const rows = cluster.limits().filter((c) => c.input === 'cluster' || c.input === 'target').map((c) => `${c.field} ${c.measure} ${c.max}`);
  assert.deepEqual(rows, [
    'cluster bytes 8388608',
    'target jsonBytes 65536',
    'target.kind bytes 253',
    'target.name bytes 253',
    'target.namespace bytes 63',
    'target.containers items 64',
    'target.containers[].name bytes 63',
  ]);
});

test('drift: the design as the cluster holds it has no drift; each change is one finding', () => {
  const same = cluster.drift(SPEC, JSON.stringify(held()));
  assert.deepEqual(same, { findings: [], objects: 3 });
  assert.deepEqual(JSON.parse(JSON.stringify(same)), same, 'plain JSON data');

  const list = held();
  const secret = list.items.find((o) => o.kind === 'Secret');
  delete secret.stringData.AZURE_STORAGEBLOB_CLIENTID;
  secret.stringData.EXTRA = 'x';
  secret.stringData.AZURE_STORAGEBLOB_RESOURCEENDPOINT = 'https://other.blob.core.windows.net/';
  const job = list.items.find((o) => o.kind === 'Job');
  job.spec.template.spec.serviceAccountName = 'default';
  const r = cluster.drift(SPEC, JSON.stringify(list));
  assert.deepEqual(r.findings.map((f) => [f.code, f.severity, f.field]), [
    ['SD003', 'error', 'cluster.items[1].data'],
    ['SD005', 'error', 'cluster.items[1].data.AZURE_STORAGEBLOB_RESOURCEENDPOINT'],
    ['SD004', 'warning', 'cluster.items[1].data.EXTRA'],
    ['SD008', 'error', 'cluster.items[2].spec.template.spec.serviceAccountName'],
  ]);
  for (const f of r.findings) assert.doesNotMatch(f.message, /other\.blob/, 'a Secret value is compared, never shown');

  const moved = held();
  for (const o of moved.items) o.metadata.namespace = 'other';
  assert.deepEqual(cluster.drift(SPEC, JSON.stringify(moved)).findings.map((f) => f.code), ['SD002', 'SD002']);
  assert.deepEqual(cluster.drift(SPEC, '[]').findings.map((f) => f.code), ['SD001', 'SD001']);
});

test('wire: the three patch forms of one change, and typed errors naming the target field', () => {
  const w = cluster.wire(SPEC, { kind: 'Deployment', name: 'web', containers: [{ name: 'app', index: 1, hasEnvFrom: true }] });
  assert.deepEqual(Object.keys(w), ['strategicMerge', 'kustomize', 'jsonPatch']);
  assert.match(w.strategicMerge, /^spec:\n {2}template:\n/);
  assert.match(w.strategicMerge, /serviceAccountName: sc-account-00001111-aaaa-2222-bbbb-3333cccc4444\n/);
  assert.match(w.kustomize, /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}name: web\n {2}namespace: apps\n/);
  const ops = JSON.parse(w.jsonPatch);
  assert.deepEqual(ops[0], { op: 'test', path: '/spec/template/spec/containers/1/name', value: 'app' });
  // The container has envFrom: the Secret comes as one env entry per key.
  assert.ok(ops.some((o) => o.path === '/spec/template/spec/containers/1/env' && o.value.every((e) => e.valueFrom.secretKeyRef.name === 'sc-storage-conn-secret')));
  const cron = cluster.wire(SPEC, { kind: 'CronJob', name: 'nightly', containers: [{ name: 'job', index: 0 }] });
  assert.match(cron.strategicMerge, /^spec:\n {2}jobTemplate:\n {4}spec:\n {6}template:\n/);

  for (const [target, code, field] of [
    [{ kind: 'Pod', name: 'p', containers: [{ name: 'a', index: 0 }] }, 'invalid-input', 'target.kind'],
    [{ kind: 'Job', name: 'Bad_Name', containers: [{ name: 'a', index: 0 }] }, 'invalid-input', 'target.name'],
    [{ kind: 'Job', name: 'j', containers: [] }, 'invalid-input', 'target.containers'],
    [{ kind: 'Job', name: 'j', containers: [{ name: 'a', index: 0 }], colour: 'red' }, 'invalid-input', 'target.colour'],
    [['Job', 'j'], 'invalid-input', 'target'],
    [null, 'invalid-input', 'target'],
  ]) {
    assert.throws(() => cluster.wire(SPEC, target), (e) => {
      assert.ok(cluster.isServiceConnectorError(e), String(e));
      assert.deepEqual([e.code, e.field], [code, field], e.message);
      return true;
    }, JSON.stringify(target));
  }
  assert.throws(() => cluster.wire({ ...SPEC, namespace: 'Bad_NS' }, { kind: 'Job', name: 'j', containers: [{ name: 'a', index: 0 }] }), {
    code: 'invalid-spec', field: 'namespace',
  });
});

test('hostile inputs get a typed error at once, memory stays bounded, and the module stays usable', () => {
  const memory = () => cluster.initSync(new Uint8Array()).memory.buffer.byteLength;
  const before = memory();
  const cap = 8 << 20;
  const job = { kind: 'Job', name: 'j', containers: [{ name: 'a', index: 0 }] };
  const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
  const cases = [
    ['drift, 100 MB cluster text', () => cluster.drift(SPEC, 'x'.repeat(100 << 20)), 'input-too-large', 'cluster', `cluster: expected at most ${cap} bytes, found at least ${100 << 20}`],
    ['drift, one byte over the cap', () => cluster.drift(SPEC, ' '.repeat(cap - 1) + '[]'), 'input-too-large', 'cluster', `cluster: expected at most ${cap} bytes, found at least ${cap + 1}`],
    ['drift, over the cap in UTF-8 only', () => cluster.drift(SPEC, `"${'é'.repeat(cap / 2)}"`), 'input-too-large', 'cluster', `cluster: expected at most ${cap} bytes, found ${cap + 2}`],
    ['drift, 50 MB of \\x01', () => cluster.drift(SPEC, '\x01'.repeat(50 << 20)), 'input-too-large', 'cluster', null],
    ['drift, nested 100000 deep', () => cluster.drift(SPEC, deep), 'invalid-input', 'cluster[0]', null],
    ['drift, a workload nested 100000 deep', () => cluster.drift(SPEC, `[{"kind":"Job","spec":${deep}}]`), 'invalid-input', 'cluster[0]', 'cluster[0]: expected a Kubernetes object, found one nested too deeply to read'],
    ['drift, not a string', () => cluster.drift(SPEC, held()), 'invalid-input', 'cluster', 'cluster: expected a string, found object'],
    ['drift, not JSON', () => cluster.drift(SPEC, 'apiVersion: v1\nkind: List'), 'invalid-input', 'cluster', null],
    ['drift, 100 MB spec', () => cluster.drift({ target: { type: 'storage-blob', account: 'a'.repeat(100 << 20) } }, '[]'), 'input-too-large', '$', null],
    ['wire, 100 MB target name', () => cluster.wire(SPEC, { ...job, name: 'a'.repeat(100 << 20) }), 'input-too-large', 'target', null],
    ['wire, a name one byte over its cap', () => cluster.wire(SPEC, { ...job, name: 'a'.repeat(254) }), 'input-too-large', 'target.name', 'target.name: expected at most 253 bytes, found 254'],
    ['wire, 65 containers', () => cluster.wire(SPEC, { ...job, containers: Array.from({ length: 65 }, (_, i) => ({ name: `c${i}`, index: i })) }), 'input-too-large', 'target.containers', null],
    ['wire, a cyclic target', () => { const t = { ...job }; t.self = t; return cluster.wire(SPEC, t); }, 'invalid-input', 'target', null],
  ];
  for (const [what, call, code, field, message] of cases) {
    const started = Date.now();
    assert.throws(call, (e) => {
      assert.ok(cluster.isServiceConnectorError(e), `${what}: ${e}`);
      assert.deepEqual([e.code, e.field], [code, field], `${what}: ${e.message}`);
      if (message) assert.equal(e.message, message, what);
      assert.ok(e.message.length < 300, `${what}: ${e.message.length} characters`);
      return true;
    });
    assert.ok(Date.now() - started < 5000, `${what}: ${Date.now() - started} ms`);
    assert.deepEqual(cluster.drift(SPEC, JSON.stringify(held())).findings, [], `drift after ${what}`);
  }
  assert.ok(memory() - before < 32 << 20, `memory grew by ${memory() - before} bytes`);
  // The largest text accepted is read: 8 MiB of small objects, the costliest shape (each object
  // is kept as text with its kind, name and namespace; only the ones compared are read whole),
  // takes its memory once; reading it again takes no more.
  const many = JSON.stringify(Array.from({ length: 38000 }, (_, i) => ({ kind: 'ConfigMap', metadata: { name: `c${i}` }, data: { k: 'v'.repeat(150) } })));
  assert.ok(many.length <= cap && many.length > cap - (1 << 20), String(many.length));
  assert.equal(cluster.drift(SPEC, many).objects, 38000);
  const once = memory();
  assert.ok(once - before < 48 << 20, `memory grew by ${once - before} bytes`);
  assert.equal(cluster.drift(SPEC, many).objects, 38000);
  assert.equal(memory(), once, 'a second read of the same size reuses the memory');
});

test('values read from the cluster are quoted short in messages, and credentials not at all', () => {
  const key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
  const list = held();
  const secret = list.items.find((o) => o.kind === 'Secret');
  secret.stringData[key] = 'x';
  const job = list.items.find((o) => o.kind === 'Job');
  job.metadata.name = `a${'\n'.repeat(5000)}`;
  job.spec.template.spec.serviceAccountName = key;
  const sa = list.items.find((o) => o.kind === 'ServiceAccount');
  sa.metadata.annotations['azure.workload.identity/client-id'] = 'z'.repeat(10000);
  const r = cluster.drift(SPEC, JSON.stringify(list));
  assert.deepEqual(r.findings.map((f) => f.code), ['SD006', 'SD004', 'SD008']);
  for (const f of r.findings) {
    assert.ok(f.message.length < 300, f.message);
    assert.ok(!f.message.includes(key.slice(0, 12)), f.message);
    assert.doesNotMatch(f.message, /\n/);
  }
});

test('the cluster default entry: calls before init fail, initSync and init load it', () => {
  const entry = pathToFileURL(`${JS_DIR}pkg/aks_service_connector_cluster.js`).href;
  const wasm = pathToFileURL(`${JS_DIR}pkg/aks_service_connector_cluster_bg.wasm`).href;
  for (const load of [
    `m.initSync(readFileSync(new URL(${JSON.stringify(wasm)})))`,
    `await m.init(readFileSync(new URL(${JSON.stringify(wasm)})))`,
    `await m.default({ module_or_path: readFileSync(new URL(${JSON.stringify(wasm)})) })`,
  ]) {
    const r = runModule(`
      import { readFileSync } from 'node:fs';
      const m = await import(${JSON.stringify(entry)});
      let before = 'no error';
      try { m.version(); } catch (e) { before = 'threw'; }
      ${load};
      console.log(JSON.stringify({ before, objects: m.drift(${JSON.stringify(SPEC)}, '[]').objects }));
    `);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /deprecated/, load);
    assert.deepEqual(JSON.parse(r.stdout), { before: 'threw', objects: 0 }, load);
  }
  const bytes = readFileSync(new URL(import.meta.resolve('aks-service-connector/aks_service_connector_cluster_bg.wasm')));
  assert.ok(WebAssembly.validate(bytes));
});

test('composeWorkload: several connections for one workload, and what clashes as SW findings by field', () => {
  const bus = { connectionName: 'bus_conn', namespace: 'apps', target: { type: 'servicebus', namespace: 'mybus' }, auth: { type: 'workload-identity', clientId: CLIENT_ID } };
  const vault = { connectionName: 'vault_conn', namespace: 'apps', target: { type: 'keyvault', vault: 'myvault' } };
  const r = cluster.composeWorkload({ connections: [{ spec: SPEC }, { spec: bus }, { spec: vault }] });
  assert.deepEqual(r.documents.map((d) => [d.kind, d.connections]), [
    ['ServiceAccount', [0, 1]], ['Secret', [0]], ['Secret', [1]], ['SecretProviderClass', [2]], ['Job', [0, 1, 2]],
  ]);
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r, 'plain JSON data');
  assert.equal(r.wiring, null);
  const job = r.documents.at(-1).object.spec.template.spec;
  assert.deepEqual(job.containers[0].envFrom.map((e) => e.secretRef.name), [r.documents[1].name, r.documents[2].name]);
  assert.equal(job.volumes[0].csi.volumeAttributes.secretProviderClass, 'sc-vault-conn-spc');
  // Each connection's objects are the ones render gives it alone.
  for (const [i, spec] of [SPEC, bus, vault].entries()) {
    for (const d of sc.render(spec).documents.filter((x) => x.kind !== 'Job')) {
      assert.ok(r.documents.some((x) => x.yaml === d.yaml && x.connections.includes(i)), `${i} ${d.kind}`);
    }
  }
  // An existing workload: the wiring instead of the sample.
  const wired = cluster.composeWorkload({ connections: [{ spec: SPEC }, { spec: vault }], existing: { kind: 'Deployment', name: 'web', containers: [{ name: 'app', index: 0 }] } });
  assert.ok(wired.documents.every((d) => d.kind !== 'Job'));
  assert.match(wired.wiring.strategicMerge, /secretProviderClass: sc-vault-conn-spc/);

  const clash = (set) => {
    try {
      cluster.composeWorkload(set);
    } catch (e) {
      assert.ok(cluster.isServiceConnectorError(e));
      return e;
    }
    assert.fail('expected a throw');
  };
  const two = clash({ connections: [{ spec: SPEC }, { spec: { ...SPEC, connectionName: 'blob_two' } }] });
  assert.equal(two.code, 'invalid-spec');
  const sw = two.findings.filter((f) => f.code.startsWith('SW'));
  assert.deepEqual(sw.map((f) => [f.code, f.severity, f.field]), [['SW003', 'error', 'connections[1].spec.anotherConnectionOfType']]);
  assert.match(sw[0].message, /; fix: set anotherConnectionOfType on connections\[1\]/);
  const shape = clash({ connections: [] });
  assert.deepEqual([shape.code, shape.field], ['invalid-input', 'connections']);
  const many = clash({ connections: Array.from({ length: 17 }, () => ({ spec: SPEC })) });
  assert.deepEqual([many.code, many.field], ['input-too-large', 'connections']);
  const existing = clash({ connections: [{ spec: SPEC }], existing: { kind: 'Job', name: 'j', containers: [{ name: 'c'.repeat(64), index: 0 }] } });
  assert.deepEqual([existing.code, existing.field], ['input-too-large', 'existing.containers[0].name']);
});
