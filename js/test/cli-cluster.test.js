// The command line's `diff` and `wire` (js/cli-cluster.js): what they print, their exit codes,
// and that they print exactly what the cluster module returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sc from 'aks-service-connector';
import * as cluster from 'aks-service-connector/cluster';
import { cli } from './helpers.js';

const SPEC = {
  connectionName: 'blob', namespace: 'apps',
  target: { type: 'storage-blob', account: 'mystore' },
  auth: { type: 'workload-identity', clientId: '00001111-aaaa-2222-bbbb-3333cccc4444' },
};

function files(t) {
  const dir = mkdtempSync(join(tmpdir(), 'aks-sc-cli-cluster-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const spec = join(dir, 'spec.json');
  writeFileSync(spec, JSON.stringify(SPEC));
  const write = (name, text) => { writeFileSync(join(dir, name), text); return join(dir, name); };
  return { dir, spec, write };
}

test('--help lists diff and wire, each with its options', () => {
  const main = cli(['--help']);
  assert.equal(main.code, 0);
  assert.match(main.stdout, /^ {2}diff {6}compare what the cluster holds with the design; exit 1 on any error-severity difference$/m);
  assert.match(main.stdout, /^ {2}wire {6}print the patch that connects an existing workload/m);
  const diff = cli(['diff', '--help']);
  assert.equal(diff.code, 0);
  assert.match(diff.stdout, /^Usage: aks-service-connector diff \(--spec FILE \| --target ID\)/);
  for (const flag of ['--spec', '--target', '--namespace', '--file', '--json']) assert.match(diff.stdout, new RegExp(`^ {2}${flag}\\b`, 'm'), flag);
  const wire = cli(['wire', '--help']);
  assert.equal(wire.code, 0);
  for (const flag of ['--kind', '--name', '--container', '--format', '--has-env-from', '--has-pod-labels']) assert.match(wire.stdout, new RegExp(`^ {2}${flag}\\b`, 'm'), flag);
  assert.match(wire.stdout, /strategic \(default\)/);
});

test('diff: the design as the cluster holds it (kubectl YAML or JSON, file or stdin) exits 0; differences exit 1', (t) => {
  const { spec, write } = files(t);
  const yaml = cli(['render', '--spec', spec]).stdout;
  const json = cli(['render', '--spec', spec, '--format', 'json']).stdout;
  for (const [how, args, input] of [
    ['YAML file', ['--file', write('held.yaml', yaml)], ''],
    ['JSON List on stdin', [], json],
    ['YAML on stdin, explicit -', ['--file', '-'], yaml],
  ]) {
    const r = cli(['diff', '--spec', spec, ...args], input);
    assert.equal(r.code, 0, `${how}: ${r.stderr}`);
    assert.equal(r.stdout, 'no drift: the cluster holds what the design renders (3 objects read)\n', how);
    assert.equal(r.stderr, '', how);
  }
  // A `kubectl get -o yaml` List, with a Secret key missing and the ServiceAccount elsewhere.
  const list = JSON.parse(json);
  delete list.items[1].stringData.AZURE_STORAGEBLOB_RESOURCEENDPOINT;
  list.items[0].metadata.namespace = 'other';
  const drifted = JSON.stringify(list);
  const r = cli(['diff', '--spec', spec], drifted);
  assert.equal(r.code, 1, r.stderr);
  const report = cluster.drift(SPEC, drifted);
  assert.equal(r.stdout, `${report.findings.map((f) => `${f.severity} ${f.code} ${f.field}: ${f.message}`).join('\n')}\ndrift: 2 error(s), 0 warning(s), 0 info (3 objects read)\n`);
  assert.match(r.stdout, /^error SD002 cluster\.items\[0\]\.metadata\.namespace: ServiceAccount \S+: expected namespace apps, found "other"$/m);
  assert.match(r.stdout, /^error SD003 cluster\.items\[1\]\.data: /m);
  const asJson = cli(['diff', '--spec', spec, '--json'], drifted);
  assert.equal(asJson.code, 1);
  assert.deepEqual(JSON.parse(asJson.stdout), report);

  // Only a warning (a key the design does not write): reported, exit 0.
  const extra = JSON.parse(json);
  extra.items[1].stringData.EXTRA = 'x';
  const warned = cli(['diff', '--spec', spec], JSON.stringify(extra));
  assert.equal(warned.code, 0, warned.stderr);
  assert.match(warned.stdout, /^warning SD004 cluster\.items\[1\]\.data\.EXTRA: .*\ndrift: 0 error\(s\), 1 warning\(s\), 0 info \(3 objects read\)\n$/);

  // The design from flags alone: placeholders are not compared, and it says so.
  const flags = cli(['diff', '--target', 'storage-blob', '--namespace', 'apps', '--connection', 'blob', '--auth', 'workload-identity'], cli(['render', '--target', 'storage-blob', '--namespace', 'apps', '--connection', 'blob']).stdout);
  assert.equal(flags.code, 0, flags.stderr);
  assert.match(flags.stdout, /^info SD009 cluster: 3 value\(s\) of the design are placeholders: give them in the spec to compare them\nno drift: /);
});

test('diff: bad input is refused with its exit code and a message naming the flag', (t) => {
  const { spec, write } = files(t);
  const cases = [
    [['diff'], '', 2, /^aks-service-connector: --spec: required unless --target is given/],
    [['diff', '--spec', '-'], '{}', 2, /--file: standard input is already --spec/],
    [['diff', '--spec', spec, '--file', '/nonexistent/x.yaml'], '', 2, /--file: cannot read '\/nonexistent\/x\.yaml': no such file/],
    [['diff', '--spec', spec], 'kind: Secret\n  data: [\n', 1, /^aks-service-connector: --file: not YAML \(.*line \d+, column \d+\)\n$/],
    [['diff', '--spec', spec], 'just words', 1, /--file: expected Kubernetes objects \(YAML mappings with a kind\), found a string/],
    [['diff', '--spec', spec], '  \n', 1, /--file: expected what kubectl get -o yaml or -o json prints, found only white space/],
    [['diff', '--spec', spec], '[{"metadata":{}}]', 1, /invalid-input: cluster\[0\]: expected a Kubernetes object with a kind, found none/],
    [['diff', '--spec', spec], ' '.repeat((8 << 20) + 1), 1, /--file: input-too-large: expected at most 8388608 bytes, found more/],
    [['diff', '--target', 'storage-blob', '--namespace', 'Bad_NS'], '[]', 1, /invalid-spec: [\s\S]*error SC003 namespace: /],
    [['diff', '--spec', spec, '--colour'], '', 2, /--colour: unknown option for 'diff'/],
  ];
  for (const [args, input, code, message] of cases) {
    const r = cli(args, input);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
  // Aliases are capped: a YAML bomb is refused, not expanded.
  const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\n${[...'bcdefghij'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`).join('\n')}\n`;
  const r = cli(['diff', '--spec', spec, '--file', write('bomb.yaml', bomb)]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /--file: not YAML \(.*alias/i);
});

test('wire: prints the chosen form exactly as the cluster module gives it', (t) => {
  const { spec } = files(t);
  const base = ['wire', '--spec', spec, '--kind', 'Deployment', '--name', 'web', '--container', 'app'];
  const target = { kind: 'Deployment', name: 'web', containers: [{ name: 'app', index: 0 }] };
  const wiring = cluster.wire(SPEC, target);
  for (const [format, key] of [[undefined, 'strategicMerge'], ['strategic', 'strategicMerge'], ['kustomize', 'kustomize'], ['json-patch', 'jsonPatch']]) {
    const r = cli(format ? [...base, '--format', format] : base);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, wiring[key], format);
    assert.equal(r.stderr, '');
  }
  // Two containers, one at index 2 that has envFrom and env; labels exist; a CronJob in its own namespace.
  const r = cli(['wire', '--spec', spec, '--kind', 'CronJob', '--name', 'nightly', '--container', 'app', '--container', 'side:2',
    '--has-env-from', 'side', '--has-env', 'side', '--has-pod-labels', '--workload-namespace', 'batch', '--format', 'kustomize']);
  assert.equal(r.code, 0, r.stderr);
  const expected = cluster.wire(SPEC, {
    kind: 'CronJob', name: 'nightly', namespace: 'batch', hasPodLabels: true, hasVolumes: false,
    containers: [{ name: 'app', index: 0 }, { name: 'side', index: 2, hasEnvFrom: true, hasEnv: true }],
  });
  assert.equal(r.stdout, expected.kustomize);
  assert.match(r.stdout, /^apiVersion: batch\/v1\nkind: CronJob\nmetadata:\n {2}name: nightly\n {2}namespace: batch\n/);
  const patch = JSON.parse(cli(['wire', '--spec', spec, '--kind', 'CronJob', '--name', 'nightly', '--container', 'app', '--container', 'side:2', '--has-env-from', 'side', '--has-env', 'side', '--has-pod-labels', '--format', 'json-patch']).stdout);
  assert.deepEqual(patch.filter((o) => o.op === 'test').map((o) => o.path), ['/spec/jobTemplate/spec/template/spec/containers/0/name', '/spec/jobTemplate/spec/template/spec/containers/2/name']);
  assert.ok(patch.some((o) => o.op === 'add' && o.path === '/spec/jobTemplate/spec/template/spec/containers/2/env/-'), 'appends to the env it has');
  // keyvault-csi from flags: the CSI volume and its mount.
  const csi = cli(['wire', '--target', 'keyvault', '--namespace', 'apps', '--kind', 'StatefulSet', '--name', 'db', '--container', 'db']);
  assert.equal(csi.code, 0, csi.stderr);
  assert.match(csi.stdout, /secrets-store01-inline/);
  assert.equal(csi.stdout, cluster.wire({ target: { type: 'keyvault' }, namespace: 'apps' }, { kind: 'StatefulSet', name: 'db', containers: [{ name: 'db', index: 0 }] }).strategicMerge);
  assert.equal(sc.version(), cluster.version());
});

test('wire: bad flags are usage errors (2), a bad target or design invalid input (1)', (t) => {
  const { spec } = files(t);
  const w = (...args) => cli(['wire', '--spec', spec, ...args]);
  const cases = [
    [w('--name', 'web', '--container', 'app'), 2, /^aks-service-connector: --kind: expected one of Deployment, StatefulSet, DaemonSet, Job, CronJob, found none\n/],
    [w('--kind', 'Pod', '--name', 'web', '--container', 'app'), 2, /--kind: expected one of .*, found 'Pod'/],
    [w('--kind', 'Job', '--container', 'app'), 2, /--name: required/],
    [w('--kind', 'Job', '--name', 'j'), 2, /--container: required/],
    [w('--kind', 'Job', '--name', 'j', '--container', 'app:x'), 2, /--container: expected NAME or NAME:INDEX, found 'app:x'/],
    [w('--kind', 'Job', '--name', 'j', '--container', 'app', '--has-env', 'other'), 2, /--has-env: expected the name of a --container, found 'other'/],
    [w('--kind', 'Job', '--name', 'j', '--container', 'app', '--format', 'yaml'), 2, /--format: expected strategic or kustomize or json-patch, found 'yaml'/],
    [w('--kind', 'Job', '--name', 'Bad_Name', '--container', 'app'), 1, /^aks-service-connector: invalid-input: target\.name: /],
    [w('--kind', 'Job', '--name', 'j', '--container', 'a', '--container', 'b:0'), 1, /invalid-input: target\.containers\[1\]\.index: /],
    [w('--kind', 'Job', '--name', 'j', '--container', 'x'.repeat(64)), 1, /input-too-large: target\.containers\[0\]\.name: expected at most 63 bytes, found 64/],
    [cli(['wire', '--target', 'storage-blob', '--namespace', 'Bad_NS', '--kind', 'Job', '--name', 'j', '--container', 'a']), 1, /invalid-spec: [\s\S]*SC003/],
  ];
  for (const [r, code, message] of cases) {
    assert.equal(r.code, code, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});
