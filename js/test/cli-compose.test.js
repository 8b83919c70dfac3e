// compose: several connections for one workload from a set file (JSON or YAML), clashes as
// findings with exit 1, --strict, --out and the wiring of an existing workload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'aks-sc-compose-'));
const CLIENT = '11112222-bbbb-3333-cccc-4444dddd5555';
const SET = `connections:
  - spec: {connectionName: blob_conn, namespace: apps, target: {type: storage-blob, account: mystore, resourceGroup: data}, auth: {type: workload-identity, clientId: ${CLIENT}}}
  - spec: {connectionName: bus_conn, namespace: apps, target: {type: servicebus, namespace: mybus, resourceGroup: data}, auth: {type: workload-identity, clientId: ${CLIENT}}}
workload: {kind: Deployment}
`;
const file = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test('compose: one ServiceAccount, each connection\'s Secret once, one Deployment taking both', () => {
  const r = cli(['compose', '--set', file('set.yaml', SET), '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const items = JSON.parse(r.stdout).items;
  assert.deepEqual(items.map((o) => `${o.kind}/${o.metadata.name}`), [
    `ServiceAccount/sc-account-${CLIENT}`, 'Secret/sc-blob-conn-secret', 'Secret/sc-bus-conn-secret', 'Deployment/sc-sample-deployment',
  ]);
  const pod = items[3].spec.template.spec;
  assert.equal(pod.serviceAccountName, `sc-account-${CLIENT}`);
  assert.deepEqual(pod.containers[0].envFrom.map((e) => e.secretRef.name), ['sc-blob-conn-secret', 'sc-bus-conn-secret']);
});

test('compose: a clash is a finding with its code and field, exit 1, nothing on stdout', () => {
  const r = cli(['compose', '--set', '-'], JSON.stringify({
    connections: [{ spec: { connectionName: 'a', namespace: 'apps', target: { type: 'storage-blob' } } },
      { spec: { connectionName: 'a', namespace: 'apps', target: { type: 'storage-blob' } } }],
  }));
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^error SW001 connections\[1\]\.spec\.connectionName: .*; fix: /m);
});

test('compose --strict refuses placeholders; --out writes one file per document', () => {
  const open = cli(['compose', '--set', '-', '--strict'], JSON.stringify({ connections: [{ spec: { namespace: 'apps', target: { type: 'storage-blob' } } }] }));
  assert.equal(open.code, 1, open.stderr);
  assert.match(open.stderr, /--strict: the output holds \d+ placeholder\(s\)/);
  const out = join(dir, 'out');
  const r = cli(['compose', '--set', file('set2.yaml', SET), '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(out).sort(), [
    '10-secret-sc-blob-conn-secret.yaml', '10-secret-sc-bus-conn-secret.yaml',
    `20-serviceaccount-sc-account-${CLIENT}.yaml`, '40-deployment-sc-sample-deployment.yaml',
  ]);
  assert.match(readFileSync(join(out, '40-deployment-sc-sample-deployment.yaml'), 'utf8'), /name: sc-bus-conn-secret/);
});

test('compose --wiring prints the patch that wires the existing workload, and is a usage error without one', () => {
  const existing = `${SET.replace('workload: {kind: Deployment}\n', '')}existing: {kind: Deployment, name: web, containers: [{name: app, index: 0}]}\n`;
  const r = cli(['compose', '--set', file('existing.yaml', existing), '--wiring', 'json-patch']);
  assert.equal(r.code, 0, r.stderr);
  const ops = JSON.parse(r.stdout);
  assert.ok(ops.some((op) => op.path.includes('envFrom')), r.stdout);
  const none = cli(['compose', '--set', file('set3.yaml', SET), '--wiring', 'strategic']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /--wiring: the set names no existing workload/);
  const bad = cli(['compose', '--set', file('set4.yaml', SET), '--wiring', 'patchy']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--wiring: expected strategic or kustomize or json-patch, found 'patchy'/);
});
