// The designer's pure modules in Node: the highlighter (tokens join back to the input, over
// everything the core renders and plans; the classes it gives) and the state (URL fragment
// round trip, secrets left out, path edits) and the Drift tab's reading of a paste.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { bicep, json, shell, yaml } from '../src/highlight.js';
import { clusterJson, MAX_BYTES } from '../../js/cluster-text.js';
import { forms, targetOf } from '../src/wire-panel.js';
import { command } from '../src/drift-panel.js';
import { fromFragment, get, initialState, set, toFragment, withoutSecrets } from '../src/state.js';
import * as ws from '../src/workload-set.js';

const sc = createRequire(import.meta.url)('../../js/node.js');
const cluster = createRequire(import.meta.url)('../../js/cluster-node.js');
const joined = (tokens) => tokens.map(([, t]) => t).join('');
const classOf = (tokens, text) => tokens.find(([, t]) => t === text)?.[0];

test('every highlighted text joins back to the input, for every target, auth and encoding', () => {
  let n = 0;
  for (const t of sc.catalog().targets) {
    for (const auth of t.authTypes) {
      for (const secretEncoding of ['stringData', 'data']) {
        const spec = { target: { type: t.id }, auth: { type: auth }, namespace: 'apps', clientType: t.clientTypes[0] };
        const r = sc.render(spec, { secretEncoding });
        assert.equal(joined(yaml(r.yaml)), r.yaml, `${t.id}/${auth}`);
        const p = sc.plan(spec, {});
        const arm = p.requests.map((q) => `${q.method} ${q.url}\n${JSON.stringify(q.maskedBody, null, 2)}`).join('\n\n');
        assert.equal(joined(json(arm)), arm);
        assert.equal(joined(shell(p.az.create.maskedLine)), p.az.create.maskedLine);
        assert.equal(joined(bicep(p.bicep.text)), p.bicep.text);
        n += 1;
      }
    }
  }
  assert.ok(n > 100, `${n} combinations`);
  for (const odd of ['', '\n', 'a: "unterminated', "- - x\n  #c\n---\n...", 'k: v # c', 'é: "ü" # ß', '{"a": [1, -2.5e3, true, null]}']) {
    for (const f of [yaml, json, shell, bicep]) assert.equal(joined(f(odd)), odd);
  }
});

test('the highlighter names keys, strings, numbers, comments, flags and placeholders', () => {
  const y = yaml("apiVersion: v1\nkind: Secret # the object\nstringData:\n  URL: https://<account>.blob.core.windows.net/\n  FLAG: 'true'\n  N: 3\n---\n");
  assert.equal(classOf(y, 'apiVersion'), 'key');
  assert.equal(classOf(y, 'v1'), 'value');
  assert.equal(classOf(y, '# the object'), 'comment');
  assert.equal(classOf(y, '<account>'), 'placeholder');
  assert.equal(classOf(y, "'true'"), 'string');
  assert.equal(classOf(y, '3'), 'number');
  assert.equal(classOf(y, '---'), 'punct');
  const j = json('{"id": "/x/<cluster.name>", "n": 2, "ok": true}');
  assert.equal(classOf(j, '"id"'), 'key');
  assert.equal(classOf(j, '<cluster.name>'), 'placeholder');
  assert.equal(classOf(j, '2'), 'number');
  assert.equal(classOf(j, 'true'), 'literal');
  const s = shell("# note\naz aks connection create storage-blob --name 'my aks' -g rg");
  assert.equal(classOf(s, '# note'), 'comment');
  assert.equal(classOf(s, 'az'), 'command');
  assert.equal(classOf(s, '--name'), 'flag');
  assert.equal(classOf(s, "'my aks'"), 'string');
  const b = bicep("@secure()\nparam secret string\nresource x 'a@b' = { name: 'n' } // c");
  assert.equal(classOf(b, '@secure'), 'flag');
  assert.equal(classOf(b, 'param'), 'key');
  assert.equal(classOf(b, '// c'), 'comment');
});

test('the URL fragment round-trips the design without its secrets', () => {
  const state = {
    spec: {
      connectionName: 'app_conn', namespace: 'apps',
      target: { type: 'confluent-cloud', bootstrapServer: 'x.azure.confluent.cloud:9092', kafkaKey: 'K', kafkaSecret: 'S1', schemaSecret: 'S2' },
      auth: { type: 'secret', username: 'u', password: 'p', secret: 's' },
      customizedKeys: { A: 'B' }, values: { AZURE_X_PASSWORD: 'p2', AZURE_X_HOST: 'h' },
      workload: { kind: 'Deployment', command: ['sh', '-c', 'printenv | sort'] },
    },
    encoding: 'data',
    context: { oidcIssuerUrl: 'https://issuer/ü/', extensionInstalled: true },
  };
  const fragment = toFragment(state);
  assert.match(fragment, /^#d=[A-Za-z0-9_-]+$/);
  for (const secret of ['S1', 'S2', '"p"', '"s"', 'p2']) assert.ok(!Buffer.from(fragment.slice(3), 'base64url').toString().includes(secret), secret);
  const back = fromFragment(fragment);
  assert.deepEqual(back, withoutSecrets(state));
  assert.equal(back.spec.target.kafkaKey, 'K');
  assert.equal(back.spec.values.AZURE_X_HOST, 'h');
  assert.equal(back.spec.auth.username, 'u');
  assert.equal(back.spec.auth.password, undefined);
  assert.equal(back.encoding, 'data');
  assert.deepEqual(back.context, state.context);
  assert.equal(state.spec.auth.password, 'p', 'the open state keeps its secrets');
  for (const bad of ['', '#', '#d=', '#d=!!', '#d=e30', '#x=1']) assert.equal(fromFragment(bad), null, bad);
});

test('a workload set: add, select and remove connections, one shared workload, the set the core takes', () => {
  const state = initialState();
  state.spec.namespace = 'apps';
  state.spec.workload = { kind: 'Deployment' };
  state.spec.auth = { clientId: 'c', tenantId: 't' };
  assert.deepEqual(ws.connections(state), [state.spec]);
  ws.add(state);
  // The new connection takes the workload identity over: a pod runs as one.
  assert.deepEqual(state.spec.auth, { clientId: 'c', tenantId: 't' });
  delete state.spec.auth;
  assert.equal(state.set.connections.length, 2);
  assert.equal(state.set.active, 1);
  assert.equal(state.spec, state.set.connections[1], 'the form edits the set\u2019s entry itself');
  assert.deepEqual(state.spec, { target: { type: 'storage-blob' }, namespace: 'apps', workload: { kind: 'Deployment' } });
  state.spec.target.type = 'servicebus';
  state.spec.workload.image = 'nginx';
  ws.shareWorkload(state);
  assert.deepEqual(state.set.connections[0].workload, { kind: 'Deployment', image: 'nginx' });
  assert.notEqual(state.set.connections[0].workload, state.spec.workload, 'a copy, not the same object');
  assert.deepEqual(ws.workloadSet(state), {
    connections: [
      { spec: { target: { type: 'storage-blob' }, namespace: 'apps', auth: { clientId: 'c', tenantId: 't' } } },
      { spec: { target: { type: 'servicebus' }, namespace: 'apps' } },
    ],
    workload: { kind: 'Deployment', image: 'nginx' },
  });
  ws.select(state, 0);
  assert.equal(state.spec.target.type, 'storage-blob');
  delete state.spec.auth;
  // The link keeps the set once, its edited connection included, and restores the link between them.
  state.spec.auth = { type: 'service-principal', secret: 'S3cret' };
  const fragment = toFragment(state);
  assert.ok(!Buffer.from(fragment.slice(3), 'base64url').toString().includes('S3cret'));
  const back = fromFragment(fragment);
  assert.equal(back.set.active, 0);
  assert.equal(back.spec, back.set.connections[0]);
  assert.equal(back.spec.auth.secret, undefined);
  assert.equal(back.set.connections[1].target.type, 'servicebus');
  // A vault's volume is the set's, kept with its connection.
  ws.select(state, 1);
  ws.setMount(state, 'path', ' /mnt/vault ');
  assert.deepEqual(ws.mount(state), { path: '/mnt/vault' });
  assert.deepEqual(ws.workloadSet(state).connections[1].mount, { path: '/mnt/vault' });
  assert.equal(ws.workloadSet(state).connections[0].mount, undefined);
  assert.deepEqual(fromFragment(toFragment(state)).set.mounts, [null, { path: '/mnt/vault' }]);
  ws.setMount(state, 'path', '');
  assert.equal(state.set.mounts, undefined, 'no volume given: nothing kept');
  ws.setMount(state, 'volume', 'v');
  ws.select(state, 0);
  ws.remove(state);
  assert.equal(state.set, undefined, 'one connection left: a single design again');
  assert.equal(state.spec.target.type, 'servicebus');
});

test('set findings sit at the edited connection\u2019s fields; others keep their path and say whose', () => {
  const f = (code, field) => ({ code, severity: 'error', field, message: 'm' });
  assert.deepEqual(ws.localize(f('SC003', 'connections[1].spec.namespace'), 1), f('SC003', 'namespace'));
  assert.deepEqual(ws.localize(f('SC003', 'connections[1].spec.namespace'), 0), { ...f('SC003', 'connections[1].spec.namespace'), message: 'connections[1]: m' });
  assert.deepEqual(ws.localize(f('SW003', 'connections[1].spec.anotherConnectionOfType'), 1), f('SW003', 'anotherConnectionOfType'));
  assert.deepEqual(ws.localize(f('SC028', 'workload.kind'), 0), f('SC028', 'workload.kind'));
  assert.deepEqual(ws.localize(f('SW009', 'connections[1].mount.path'), 1), f('SW009', 'mount.path'));
  assert.deepEqual(ws.localize(f('SW014', 'connections[1].mount'), 1), f('SW014', 'mount'));
  assert.equal(ws.connectionOf(f('SW009', 'connections[12].mount.path')), 12);
  assert.equal(ws.connectionOf(f('SC028', 'workload.kind')), null);
  const note = (field) => ({ code: 'SC011', severity: 'info', field, message: 'm' });
  assert.deepEqual(
    ws.shown([note('connections[0].spec.target'), note('connections[1].spec.target'), f('SC003', 'connections[0].spec.namespace')], 1),
    [note('target'), { ...f('SC003', 'connections[0].spec.namespace'), message: 'connections[0]: m' }],
    'another connection\u2019s notes wait until it is edited; its errors show',
  );
});

test('paths are set, read and emptied objects pruned', () => {
  const s = initialState().spec;
  set(s, 'auth.clientId', 'c');
  assert.equal(get(s, 'auth.clientId'), 'c');
  set(s, 'auth.clientId', '');
  assert.deepEqual(s, { target: { type: 'storage-blob' } });
  set(s, 'workload.labels.tier', 'web');
  set(s, 'workload.labels.tier', undefined);
  assert.deepEqual(s, { target: { type: 'storage-blob' } });
  set(s, 'target.account', 'a');
  set(s, 'target.account', '');
  assert.deepEqual(s, { target: { type: 'storage-blob' } }, 'target keeps its type');
});

test('a pasted YAML stream, List or JSON becomes the JSON the drift check reads', () => {
  assert.equal(clusterJson(''), null);
  assert.equal(clusterJson(' \n\t'), null);
  const json = '{"kind":"List","items":[]}';
  assert.equal(clusterJson(`\n${json}\n`), json, 'JSON passes as it is');
  assert.deepEqual(JSON.parse(clusterJson('apiVersion: v1\nkind: List\nitems:\n- kind: Secret\n  metadata: {name: s}\n')),
    { apiVersion: 'v1', kind: 'List', items: [{ kind: 'Secret', metadata: { name: 's' } }] });
  assert.deepEqual(JSON.parse(clusterJson('---\nkind: A\n---\nkind: B\n---\n')), [{ kind: 'A' }, { kind: 'B' }], 'empty documents are skipped');
  assert.deepEqual(JSON.parse(clusterJson('kind: A\nx: "true"\ny: 0644\n')), { kind: 'A', x: 'true', y: 644 }, 'YAML 1.2: no octal');
  assert.throws(() => clusterJson('kind: A\n  bad: [\n'), { message: /^not YAML \(.*line \d+, column \d+\)$/ });
  assert.throws(() => clusterJson('kind: A\n---\nkind: [\n'), { message: /^not YAML \(document 2, / });
  assert.throws(() => clusterJson('hello world'), { message: 'expected Kubernetes objects (YAML mappings with a kind), found a string' });
  assert.throws(() => clusterJson('kind: A\n---\n- 1\n'), { message: 'expected Kubernetes objects (YAML mappings with a kind), found a list in document 2' });
  assert.throws(() => clusterJson('# only a comment\n'), { message: 'expected Kubernetes objects (YAML or JSON), found no object' });
  const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\n${[...'bcdefghij'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`).join('\n')}\n`;
  assert.throws(() => clusterJson(bomb), { message: /^not YAML \(.*alias/i });
  assert.throws(() => clusterJson(`kind: A\nx: ${'y'.repeat(MAX_BYTES)}`), { message: `expected at most ${MAX_BYTES} bytes, found ${MAX_BYTES + 11}` });
  assert.equal(MAX_BYTES, cluster.limits().find((c) => c.input === 'cluster').max, 'the cluster module\u2019s own cap');
});

test('the Drift tab\u2019s kubectl command names secretproviderclass only for a design that has one', () => {
  const kinds = (spec) => sc.render(spec).documents.map((d) => d.kind);
  assert.equal(command('apps', kinds({ target: { type: 'storage-blob' } })), 'kubectl get secret,serviceaccount,deployment -n apps -o yaml');
  assert.equal(command('', kinds({ target: { type: 'keyvault' } })), 'kubectl get secret,serviceaccount,secretproviderclass,deployment -n default -o yaml');
  assert.equal(command(undefined), 'kubectl get secret,serviceaccount,deployment -n default -o yaml');
});

test('a design\u2019s own YAML (Secret values in base64 data) read back shows no drift, for every target and auth', () => {
  let n = 0;
  for (const t of sc.catalog().targets) {
    for (const auth of t.authTypes) {
      const spec = { target: { type: t.id }, auth: { type: auth }, namespace: 'apps', clientType: t.clientTypes[0], workload: { kind: 'Deployment' } };
      const { yaml: text } = sc.render(spec, { secretEncoding: 'data' });
      const r = cluster.drift(spec, clusterJson(text));
      assert.deepEqual(r.findings.filter((f) => f.severity !== 'info'), [], `${t.id}/${auth}`);
      n += 1;
    }
  }
  assert.ok(n > 50, `${n} combinations`);
});

test('the Wire tab\u2019s fields become the target wire reads; rows without a name are left out', () => {
  const base = { kind: 'Deployment', name: ' web ', namespace: ' ', hasPodLabels: false, hasVolumes: true };
  const row = (name, index = '', flags = {}) => ({ name, index, hasEnvFrom: false, hasEnv: false, hasVolumeMounts: false, ...flags });
  assert.equal(targetOf({ ...base, containers: [row('  ')] }), null, 'no container named');
  assert.equal(targetOf({ ...base, name: ' ', containers: [row('app')] }), null, 'no workload named');
  assert.deepEqual(targetOf({ ...base, containers: [row(''), row('app'), row('side', '5', { hasEnvFrom: true })] }), {
    kind: 'Deployment', name: 'web', hasPodLabels: false, hasVolumes: true,
    containers: [
      { name: 'app', index: 1, hasEnvFrom: false, hasEnv: false, hasVolumeMounts: false },
      { name: 'side', index: 5, hasEnvFrom: true, hasEnv: false, hasVolumeMounts: false },
    ],
  });
  assert.equal(targetOf({ ...base, namespace: ' team ', containers: [row('app')] }).namespace, 'team');
  const target = targetOf({ ...base, kind: 'DaemonSet', containers: [row('app')] });
  const wiring = cluster.wire({ target: { type: 'storage-blob' }, namespace: 'apps' }, target);
  assert.deepEqual(forms(target, 'apps').map((f) => [f.key, f.file, typeof wiring[f.key]]), [
    ['strategicMerge', 'web-patch.yaml', 'string'], ['kustomize', 'web-kustomize-patch.yaml', 'string'], ['jsonPatch', 'web-patch.json', 'string'],
  ]);
  assert.equal(forms(target, 'apps')[2].apply, 'kubectl patch daemonset/web -n apps --type json -p "$(cat web-patch.json)"');
  assert.equal(forms({ ...target, namespace: 'team' }, 'apps')[0].apply, 'kubectl patch daemonset/web -n team --type strategic -p "$(cat web-patch.yaml)"');
});

test('the highlighter stays small: under 4 KB minified', async () => {
  const out = await build({
    configFile: false, logLevel: 'silent',
    build: { write: false, minify: true, lib: { entry: fileURLToPath(new URL('../src/highlight.js', import.meta.url)), formats: ['es'], fileName: 'h' } },
  });
  const { code } = (Array.isArray(out) ? out[0] : out).output[0];
  const gzip = gzipSync(code, { level: 9 }).length;
  console.log(`highlighter: ${code.length} B minified, ${gzip} B gzip -9 (YAML, JSON, shell, Bicep)`);
  assert.ok(code.length < 4096, `${code.length} B`);
});
