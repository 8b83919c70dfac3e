// The `aks-service-connector` command end to end: output, exit codes (0 ok, 1 invalid
// input, 2 usage) and messages that name the flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOB_SPEC, CLI, cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'aks-sc-cli-'));
const specFile = join(dir, 'spec.json');
writeFileSync(specFile, JSON.stringify(BLOB_SPEC));
const badFile = join(dir, 'bad.json');
writeFileSync(badFile, JSON.stringify({ namespace: 'Bad_NS', target: { type: 'storage-blob' } }));
const notJson = join(dir, 'not.json');
writeFileSync(notJson, 'target: storage-blob\n');

test('--help on every command, and the main help', () => {
  for (const command of ['catalog', 'validate', 'render', 'plan', 'classify', 'limits', 'version']) {
    const r = cli([command, '--help']);
    assert.equal(r.code, 0, command);
    assert.match(r.stdout, new RegExp(`^Usage: aks-service-connector ${command}`), command);
    assert.match(r.stdout, /--help/);
  }
  const main = cli(['--help']);
  assert.equal(main.code, 0);
  for (const command of ['catalog', 'validate', 'render', 'plan', 'classify']) assert.match(main.stdout, new RegExp(`\\n  ${command} `));
  assert.equal(cli([]).code, 2, 'no command is a usage error');
});

test('version', () => {
  const r = cli(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  assert.equal(cli(['version']).stdout, r.stdout);
});

test('catalog: human and JSON', () => {
  const human = cli(['catalog']);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /^27 targets, 5 auth types, 11 client types, \d+ configuration keys/);
  assert.match(human.stdout, /\nstorage-blob +Azure Blob Storage\n/);
  const json = JSON.parse(cli(['catalog', '--json']).stdout);
  assert.equal(json.targets.length, 27);
  assert.ok(json.keys.some((k) => k.key === 'AZURE_STORAGEBLOB_RESOURCEENDPOINT'));
});

test('validate: exit 0 when valid, 1 with findings when not', () => {
  const ok = cli(['validate', '--spec', specFile]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^valid/m);
  const bad = cli(['validate', '--spec', badFile]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /^error SC003 namespace: expected a DNS-1123 label/m);
  assert.match(bad.stdout, /^invalid: 1 error\(s\)/m);
  const json = cli(['validate', '--spec', badFile, '--json']);
  assert.equal(json.code, 1);
  const parsed = JSON.parse(json.stdout);
  assert.equal(parsed.valid, false);
  assert.equal(parsed.findings[0].code, 'SC003');
  assert.equal(JSON.parse(cli(['validate', '--spec', specFile, '--json']).stdout).valid, true);
});

test('--spec - reads standard input', () => {
  const r = cli(['validate', '--spec', '-', '--json'], JSON.stringify(BLOB_SPEC));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).valid, true);
  const rendered = cli(['render', '--spec', '-'], JSON.stringify(BLOB_SPEC));
  assert.equal(rendered.code, 0, rendered.stderr);
  assert.match(rendered.stdout, /kind: Secret/);
});

test('render: YAML by default, a v1 List with --format json, data encoding', () => {
  const yaml = cli(['render', '--spec', specFile]);
  assert.equal(yaml.code, 0, yaml.stderr);
  assert.deepEqual([...yaml.stdout.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]), ['ServiceAccount', 'Secret', 'Job']);
  assert.match(yaml.stdout, /AZURE_STORAGEBLOB_RESOURCEENDPOINT: https:\/\/mystore\.blob\.core\.windows\.net\//);
  const json = cli(['render', '--spec', specFile, '--format', 'json']);
  assert.equal(json.code, 0);
  const list = JSON.parse(json.stdout);
  assert.equal(list.kind, 'List');
  assert.deepEqual(list.items.map((o) => o.kind), ['ServiceAccount', 'Secret', 'Job']);
  const data = JSON.parse(cli(['render', '--spec', specFile, '--format', 'json', '--encoding', 'data']).stdout);
  assert.equal(data.items[1].stringData, undefined);
  assert.equal(Buffer.from(data.items[1].data.AZURE_STORAGEBLOB_RESOURCEENDPOINT, 'base64').toString(), 'https://mystore.blob.core.windows.net/');
});

test('render: flags override the spec', () => {
  const r = cli(['render', '--spec', specFile, '--target', 'keyvault', '--auth', 'workload-identity', '--client', 'python',
    '--namespace', 'team-a', '--connection', 'kv_conn', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const items = JSON.parse(r.stdout).items;
  assert.ok(items.every((o) => o.metadata.namespace === 'team-a'));
  const secret = items.find((o) => o.kind === 'Secret');
  assert.equal(secret.metadata.name, 'sc-kv-conn-secret');
  assert.ok(Object.keys(secret.stringData).some((k) => k.startsWith('AZURE_KEYVAULT_')), Object.keys(secret.stringData).join());
  const noSpec = cli(['render', '--target', 'storage-blob']);
  assert.equal(noSpec.code, 0, noSpec.stderr);
  assert.match(noSpec.stdout, /kind: ServiceAccount/);
});

test('render: a combination the docs list no keys for says so on stderr, next to its empty Secret', () => {
  const r = cli(['render', '--target', 'redis', '--auth', 'workload-identity', '--client', 'springBoot', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const secret = JSON.parse(r.stdout).items.find((o) => o.kind === 'Secret');
  assert.deepEqual(secret.stringData, {}, 'the Secret has no keys');
  assert.match(r.stderr, /^note: Secret sc-redis-conn-secret has no keys: the Service Connector docs list no configuration keys for redis\/workload-identity\/springBoot \(how-to-integrate-redis-cache\.md \d{4}-\d\d-\d\d: /m);
  assert.doesNotMatch(r.stderr, /SC026/, 'said once, as the note');
  const documented = cli(['render', '--target', 'redis', '--auth', 'workload-identity', '--client', 'python']);
  assert.equal(documented.code, 0, documented.stderr);
  assert.doesNotMatch(documented.stderr, /note:/);
  assert.match(documented.stdout, /AZURE_REDIS_HOST/);
});

test('render: exit 1 on an invalid spec, naming the rule and the field', () => {
  const r = cli(['render', '--spec', badFile]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /invalid-spec: connection spec is invalid: SC003 namespace/);
  const shape = cli(['render', '--spec', '-'], '{"target":{"type":5}}');
  assert.equal(shape.code, 1);
  assert.match(shape.stderr, /invalid-input: target\.type: invalid type: integer `5`, expected a string/);
  const text = cli(['render', '--spec', notJson]);
  assert.equal(text.code, 1);
  assert.match(text.stderr, /--spec: expected a JSON connection spec, found invalid JSON/);
  const unknownTarget = cli(['render', '--target', 'no-such-target']);
  assert.equal(unknownTarget.code, 1);
  assert.match(unknownTarget.stderr, /target\.type/);
});

test('usage errors exit 2 with a message naming the flag', () => {
  const cases = [
    [['render'], /--spec: required/],
    [['validate'], /--spec: required/],
    [['render', '--spec'], /--spec: expected a value/],
    [['render', '--spec', join(dir, 'missing.json')], /--spec: cannot read '.*missing\.json': no such file/],
    [['render', '--spec', specFile, '--format', 'xml'], /--format: expected yaml or json, found 'xml'/],
    [['render', '--spec', specFile, '--encoding', 'base64'], /--encoding: expected stringData or data, found 'base64'/],
    [['render', '--spec', specFile, '--colour', 'red'], /--colour: unknown option for 'render'/],
    [['validate', '--spec', specFile, '--json=yes'], /--json: takes no value/],
    [['catalog', 'extra'], /unexpected argument 'extra'/],
    [['classify', '--file', join(dir, 'missing.log')], /--file: cannot read/],
    [['plan', '--spec', specFile, '--json', 'x'], /unexpected argument 'x'/],
    [['classify', '--cluster'], /--cluster: expected a value/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.match(r.stderr, /Run 'aks-service-connector( \w+)? --help' for usage/);
  }
});

const PLANNED = {
  connectionName: 'storage_conn',
  namespace: 'apps',
  cluster: { subscription: '00001111-aaaa-2222-bbbb-3333cccc4444', resourceGroup: 'rg', name: 'aks1' },
  target: { type: 'storage-blob', resourceGroup: 'data', account: 'mystore' },
  auth: { type: 'connection-string' },
};
const AADSTS700016 = "azure.core.exceptions.ClientAuthenticationError: WorkloadIdentityCredential: Microsoft Entra ID returned an error. AADSTS700016: Application with identifier '4e3d2c1b-0000-4000-8000-0000000000aa' was not found in the directory 'Contoso'.\n";

test('plan: human and JSON, exit 1 on an invalid spec', () => {
  const file = join(dir, 'planned.json');
  writeFileSync(file, JSON.stringify(PLANNED));
  const human = cli(['plan', '--spec', file]);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^plan for connection storage_conn \(storage-blob, connection-string, none\) in namespace apps/);
  assert.match(human.stdout, /\n {2}PUT https:\/\/management\.azure\.com\/subscriptions\/00001111-aaaa-2222-bbbb-3333cccc4444\/resourceGroups\/rg\/providers\/Microsoft\.ContainerService\/managedClusters\/aks1\/providers\/Microsoft\.ServiceLinker\/linkers\/storage_conn/);
  assert.match(human.stdout, /\naz command:\n {2}az aks connection create storage-blob/);
  const json = cli(['plan', '--spec', '-', '--json'], JSON.stringify(PLANNED));
  assert.equal(json.code, 0, json.stderr);
  const plan = JSON.parse(json.stdout);
  assert.equal(plan.requests[0].method, 'PUT');
  assert.equal(plan.requests[0].body.properties.scope, 'apps');
  const contextFile = join(dir, 'context.json');
  writeFileSync(contextFile, JSON.stringify({ extensionInstalled: true }));
  const known = JSON.parse(cli(['plan', '--spec', file, '--context', contextFile, '--json']).stdout);
  assert.equal(known.operations.find((o) => o.id === 'sc-extension').status, 'alreadyDone');
  assert.equal(plan.operations.find((o) => o.id === 'sc-extension').status, 'unknown');
  writeFileSync(contextFile, JSON.stringify({ extensionInstalled: 'yes' }));
  const badContext = cli(['plan', '--spec', file, '--context', contextFile]);
  assert.equal(badContext.code, 1);
  assert.match(badContext.stderr, /invalid-input: context\.extensionInstalled: invalid type: string "yes", expected a boolean/);
  const bad = cli(['plan', '--spec', badFile]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /invalid-spec: .*SC003 namespace/);
  assert.equal(cli(['plan']).code, 2);
});

test('classify: from a file or standard input, context flags, JSON', () => {
  const file = join(dir, 'error.log');
  writeFileSync(file, AADSTS700016);
  const human = cli(['classify', '--file', file]);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^category: wi_wrong_client_id\n/);
  assert.match(human.stdout, /\[wi_wrong_client_id, confidence (0|1)\.\d\d\]/);
  const stdin = cli(['classify', '--json', '--resource-group', 'rg1', '--cluster', 'aks1', '--namespace', 'apps', '--connection', 'c1'], AADSTS700016);
  assert.equal(stdin.code, 0, stdin.stderr);
  const d = JSON.parse(stdin.stdout);
  assert.equal(d.category, 'wi_wrong_client_id');
  assert.equal(d.truncated, false);
  const commands = d.matches.flatMap((m) => m.commands).join('\n');
  assert.match(commands, /4e3d2c1b-0000-4000-8000-0000000000aa|rg1|aks1/);
  const missing = cli(['classify', '--file', join(dir, 'missing.log')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--file: cannot read '.*missing\.log': no such file/);
});

/** Runs a shell pipeline with the CLI as `$CLI` (a real pipe, not spawnSync's buffered input). */
function shell(script) {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, CLI: `${process.execPath} ${CLI}` }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

test('standard input is read until it ends, however slow the writer', () => {
  const line = AADSTS700016.replaceAll("'", '');
  const slow = shell(`(sleep 1; echo '${line}'; sleep 0.5; echo more) | $CLI classify --json`);
  assert.equal(slow.code, 0, slow.stderr);
  assert.equal(JSON.parse(slow.stdout).category, 'wi_wrong_client_id');
  const spec = JSON.stringify(BLOB_SPEC);
  const slowSpec = shell(`(sleep 1; printf '%s' '${spec.slice(0, 20)}'; sleep 0.5; printf '%s' '${spec.slice(20)}') | $CLI render --spec -`);
  assert.equal(slowSpec.code, 0, slowSpec.stderr);
  assert.match(slowSpec.stdout, /kind: Secret/);
});

test('a closed output pipe ends the command quietly', () => {
  for (const command of ['catalog --json', 'render --target storage-blob --namespace apps', 'limits']) {
    const r = shell(`$CLI ${command} | head -c 10; echo " rc=\${PIPESTATUS[0]}"`);
    assert.equal(r.stderr, '', `${command}: ${r.stderr}`);
    assert.equal(r.stdout.slice(10), ' rc=0\n', `${command}: ${r.stdout}`);
  }
});

test('inputs are read no further than their caps', () => {
  const started = Date.now();
  const zero = shell('$CLI render --spec /dev/zero');
  assert.equal(zero.code, 1, zero.stderr);
  assert.match(zero.stderr, /--spec: input-too-large: expected at most 1048576 bytes, found more \(see 'aks-service-connector limits'\)/);
  const piped = shell('head -c 3000000 /dev/zero | $CLI validate --spec -');
  assert.equal(piped.code, 1);
  assert.match(piped.stderr, /--spec: input-too-large/);
  const context = shell(`$CLI plan --spec ${specFile} --context /dev/zero`);
  assert.equal(context.code, 1);
  assert.match(context.stderr, /--context: input-too-large: expected at most 65536 bytes/);
  // The classifier's text is cut, not refused: the diagnosis says so.
  const text = shell('yes noise | head -c 20000000 | $CLI classify --json');
  assert.equal(text.code, 4, `noise is not recognised: ${text.stderr}`);
  assert.equal(JSON.parse(text.stdout).truncated, true);
  assert.ok(Date.now() - started < 45_000, `${Date.now() - started} ms`);
  // A field over its cap inside a small spec: the module's typed error.
  const long = join(dir, 'long.json');
  writeFileSync(long, JSON.stringify({ target: { type: 'storage-blob', account: 'a'.repeat(300) } }));
  const field = cli(['render', '--spec', long]);
  assert.equal(field.code, 1);
  assert.match(field.stderr, /input-too-large: target\.account: expected at most 253 bytes, found 300/);
});

test('limits: the cap of every input field', () => {
  const human = cli(['limits']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^spec \$ +1048576 jsonBytes  /);
  assert.match(human.stdout, /\nspec values\.\* +65536 bytes  /);
  const json = JSON.parse(cli(['limits', '--json']).stdout);
  assert.ok(json.some((c) => c.input === 'text' && c.measure === 'truncatedBytes' && c.max === 16 * 1024 * 1024));
});
