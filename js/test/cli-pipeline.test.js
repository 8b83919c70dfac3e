// The command in a pipeline: --strict, --out DIR, YAML specs, target and auth flags from
// the catalog, every part of the plan and --only, classify's exit code for "not recognised",
// and usage errors recognised by code, never by message text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JS_DIR, cli } from './helpers.js';
import { catalog } from 'aks-service-connector';

const dir = mkdtempSync(join(tmpdir(), 'aks-sc-pipeline-'));
const SUB = '22223333-cccc-4444-dddd-5555eeee6666';
const CLIENT = '11112222-bbbb-3333-cccc-4444dddd5555';
const COMPLETE_YAML = `# a complete design: nothing is left to fill
connectionName: blob
namespace: apps
target: {type: storage-blob, resourceGroup: data, account: mystore}
auth:
  type: workload-identity
  clientId: ${CLIENT}
  subscriptionId: ${SUB}
  identityId: /subscriptions/${SUB}/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-id
cluster: {subscription: ${SUB}, resourceGroup: rg, name: aks1}
`;
const file = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const completeYaml = file('complete.yaml', COMPLETE_YAML);
const context = file('context.json', JSON.stringify({ oidcIssuerUrl: 'https://eastus.oic.prod-aks.azure.com/t/u/' }));

test('--strict: placeholders left in render output are refused, each named with its document and key', () => {
  const r = cli(['render', '--target', 'storage-blob', '--namespace', 'apps', '--strict']);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, '', 'nothing printed to apply');
  assert.match(r.stderr, /--strict: the output holds 3 placeholder\(s\)/);
  assert.match(r.stderr, /^ {2}ServiceAccount\/sc-account-storageblob-conn metadata\.annotations\["azure\.workload\.identity\/client-id"\]: <client-ID>$/m);
  assert.match(r.stderr, /^ {2}Secret\/sc-storageblob-conn-secret stringData\.AZURE_STORAGEBLOB_CLIENTID: <client-ID>$/m);
  assert.match(r.stderr, /^ {2}Secret\/sc-storageblob-conn-secret stringData\.AZURE_STORAGEBLOB_RESOURCEENDPOINT: <storage-account-name>$/m);
  // Without --strict the same output is printed, exit 0.
  const loose = cli(['render', '--target', 'storage-blob', '--namespace', 'apps']);
  assert.equal(loose.code, 0, loose.stderr);
  assert.match(loose.stdout, /<client-ID>/);
  // Base64 values are read decoded; a multi-line value is named by line.
  const data = cli(['render', '--target', 'storage-blob', '--auth', 'connection-string', '--account', 'mystore', '--namespace', 'apps', '--encoding', 'data', '--strict']);
  assert.equal(data.code, 1);
  assert.match(data.stderr, /^ {2}Secret\/sc-storageblob-conn-secret data\.AZURE_STORAGEBLOB_CONNECTIONSTRING: <account-key>$/m);
  const csi = cli(['render', '--target', 'keyvault', '--namespace', 'apps', '--strict']);
  assert.equal(csi.code, 1);
  assert.match(csi.stderr, /SecretProviderClass\/sc-keyvault-conn-spc spec\.parameters\.objects line 3: <KEYVAULT_SECRET_NAME>/);
  // The documented example values left as they are count too.
  const mysql = cli(['render', '--target', 'mysql', '--auth', 'secret', '--client', 'python', '--namespace', 'apps', '--strict']);
  assert.equal(mysql.code, 1);
  assert.match(mysql.stderr, /stringData\.AZURE_MYSQL_NAME: MySQL-DB-name$/m);
  assert.match(mysql.stderr, /stringData\.AZURE_MYSQL_PASSWORD: MySQL-DB-password$/m);
  const complete = cli(['render', '--spec', completeYaml, '--strict']);
  assert.equal(complete.code, 0, complete.stderr);
  assert.match(complete.stdout, new RegExp(`azure.workload.identity/client-id: ${CLIENT}`));
});

test('--strict: plan placeholders are refused per part; a complete plan passes', () => {
  const r = cli(['plan', '--target', 'storage-blob', '--strict', '--only', 'az']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  for (const p of ['<cluster.resourceGroup>', '<cluster.name>', '<target.resourceGroup>', '<target.account>', '<auth.identityId>']) {
    assert.match(r.stderr, new RegExp(`^ {2}plan az command: ${p}$`, 'm'), p);
  }
  const bicep = cli(['plan', '--target', 'storage-blob', '--strict', '--only', 'bicep']);
  assert.match(bicep.stderr, /^ {2}plan Bicep line \d+: <cluster\.name>$/m);
  const arm = cli(['plan', '--target', 'storage-blob', '--strict', '--only', 'arm']);
  assert.match(arm.stderr, /^ {2}plan ARM request storageblob_conn body\.properties\.authInfo\.clientId: <auth\.clientId>$/m);
  // The OIDC issuer is only known from the context.
  const noIssuer = cli(['plan', '--spec', completeYaml, '--strict']);
  assert.equal(noIssuer.code, 1);
  assert.match(noIssuer.stderr, /^ {2}plan federated credential: <oidc-issuer-url>$/m);
  assert.doesNotMatch(noIssuer.stderr, /cluster\.|target\.|auth\./, 'the spec gave every other input');
  // --out writes the parts alone: the federated credential's issuer is not among them.
  const written = cli(['plan', '--spec', completeYaml, '--strict', '--out', join(dir, 'out', 'strict-plan')]);
  assert.equal(written.code, 0, written.stderr);
  for (const args of [[], ['--json'], ['--only', 'az'], ['--only', 'cleanup']]) {
    const ok = cli(['plan', '--spec', completeYaml, '--context', context, '--strict', ...args]);
    assert.equal(ok.code, 0, `${args.join(' ')}: ${ok.stderr}`);
    assert.notEqual(ok.stdout, '');
  }
});

test('--out DIR: one file per document, stable names, owner-only, said on stderr', () => {
  const out = join(dir, 'out', 'render');
  const r = cli(['render', '--spec', completeYaml, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const files = readdirSync(out).sort();
  assert.deepEqual(files, ['10-secret-sc-blob-secret.yaml', `20-serviceaccount-sc-account-${CLIENT}.yaml`, '40-job-sc-sample-job.yaml']);
  for (const f of files) {
    assert.match(r.stderr, new RegExp(`^wrote ${join(out, f).replaceAll('.', '\\.')}$`, 'm'));
    assert.equal(lstatSync(join(out, f)).mode & 0o777, 0o600, f);
  }
  // The files are the documents of the stream.
  const stream = cli(['render', '--spec', completeYaml]).stdout;
  assert.equal(files.map((f) => readFileSync(join(out, f), 'utf8')).sort().join('---\n'), stream.split(/^---\n/m).sort().join('---\n'));
  const json = cli(['render', '--target', 'keyvault', '--namespace', 'apps', '--format', 'json', '--out', join(dir, 'out', 'json')]);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(readdirSync(join(dir, 'out', 'json')).sort(), ['30-secretproviderclass-sc-keyvault-conn-spc.json', '40-job-sc-sample-job.json']);
  assert.equal(JSON.parse(readFileSync(join(dir, 'out', 'json', '40-job-sc-sample-job.json'), 'utf8')).kind, 'Job');
});

test('plan --out DIR: the parts under DIR/plan/, each as --only prints it', () => {
  const out = join(dir, 'out', 'plan');
  const r = cli(['plan', '--spec', completeYaml, '--context', context, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(join(out, 'plan')).sort(), ['arm-request.json', 'az.sh', 'cleanup.sh', 'connection.bicep', 'troubleshoot.sh']);
  const read = (f) => readFileSync(join(out, 'plan', f), 'utf8');
  const only = (part) => cli(['plan', '--spec', completeYaml, '--context', context, '--only', part]).stdout;
  assert.equal(read('arm-request.json'), only('arm'));
  assert.equal(read('connection.bicep'), only('bicep'));
  assert.ok(read('az.sh').startsWith('#!/usr/bin/env bash\n'));
  assert.ok(read('az.sh').endsWith(only('az')));
  assert.ok(read('cleanup.sh').endsWith(only('cleanup')));
  assert.ok(read('troubleshoot.sh').endsWith(only('troubleshoot')));
  assert.equal(lstatSync(join(out, 'plan', 'az.sh')).mode & 0o777, 0o700);
  // Two linkers (Confluent's schema registry): two request files; --only writes only its part.
  const confluent = join(dir, 'out', 'confluent');
  const two = cli(['plan', '--target', 'confluent-cloud', '--bootstrap-server', 'h:9092', '--schema-registry', 'https://r', '--only', 'arm', '--out', confluent]);
  assert.equal(two.code, 0, two.stderr);
  assert.deepEqual(readdirSync(join(confluent, 'plan')).sort(), ['arm-request-2.json', 'arm-request.json']);
  assert.equal(JSON.parse(readFileSync(join(confluent, 'plan', 'arm-request-2.json'), 'utf8')).linker, 'confluentcloud_conn_schema');
});

test('--out DIR: nothing is written outside DIR or through a link; failures exit 3 naming the path', () => {
  const out = join(dir, 'out', 'links');
  mkdirSync(out, { recursive: true });
  const victim = file('victim.txt', 'keep me');
  symlinkSync(victim, join(out, '40-job-sc-sample-job.yaml'));
  const link = cli(['render', '--target', 'storage-blob', '--out', out]);
  assert.equal(link.code, 3, link.stderr);
  assert.match(link.stderr, /--out: cannot write '.*40-job-sc-sample-job\.yaml': is a symbolic link \(not followed\)/);
  assert.equal(readFileSync(victim, 'utf8'), 'keep me');
  // plan/ is a link out of DIR: refused.
  const planOut = join(dir, 'out', 'plan-link');
  mkdirSync(planOut, { recursive: true });
  mkdirSync(join(dir, 'elsewhere'));
  symlinkSync(join(dir, 'elsewhere'), join(planOut, 'plan'));
  const planLink = cli(['plan', '--target', 'storage-blob', '--out', planOut]);
  assert.equal(planLink.code, 3, planLink.stderr);
  assert.match(planLink.stderr, /--out: cannot create directory '.*plan': is a symbolic link/);
  assert.deepEqual(readdirSync(join(dir, 'elsewhere')), []);
  const notDir = cli(['render', '--target', 'storage-blob', '--out', victim]);
  assert.equal(notDir.code, 3);
  assert.match(notDir.stderr, /--out: cannot create directory '.*victim\.txt'/);
  assert.equal(cli(['render', '--target', 'storage-blob', '--out']).code, 2);
  // --strict refuses before anything is written.
  const strictOut = join(dir, 'out', 'strict');
  assert.equal(cli(['render', '--target', 'storage-blob', '--strict', '--out', strictOut]).code, 1);
  assert.throws(() => readdirSync(strictOut), { code: 'ENOENT' });
});

test('YAML specs: by extension or by content, the same as JSON', () => {
  const json = JSON.parse(cli(['render', '--spec', completeYaml, '--format', 'json']).stdout);
  const asJson = file('complete.json', JSON.stringify({
    connectionName: 'blob', namespace: 'apps', target: { type: 'storage-blob', resourceGroup: 'data', account: 'mystore' },
    auth: { type: 'workload-identity', clientId: CLIENT, subscriptionId: SUB, identityId: `/subscriptions/${SUB}/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-id` },
    cluster: { subscription: SUB, resourceGroup: 'rg', name: 'aks1' },
  }));
  assert.deepEqual(JSON.parse(cli(['render', '--spec', asJson, '--format', 'json']).stdout), json);
  const stdin = cli(['render', '--spec', '-', '--format', 'json'], COMPLETE_YAML);
  assert.equal(stdin.code, 0, stdin.stderr);
  assert.deepEqual(JSON.parse(stdin.stdout), json);
  const noExt = file('conn', COMPLETE_YAML);
  assert.deepEqual(JSON.parse(cli(['render', '--spec', noExt, '--format', 'json']).stdout), json);
  assert.equal(cli(['validate', '--spec', file('c.yml', COMPLETE_YAML)]).code, 0);
  // Core schema: `yes` and `on` stay strings, as the module expects a string there.
  const yes = cli(['render', '--spec', '-', '--format', 'json'], 'target: {type: storage-blob, account: yes}\nnamespace: on\n');
  assert.equal(yes.code, 0, yes.stderr);
  assert.equal(JSON.parse(yes.stdout).items[0].metadata.namespace, 'on');
});

test('YAML specs: read safely; errors name the flag, the line, the field and the rule', () => {
  const cases = [
    ['target:\n  type: storage-blob\n  account: a\n  account: b\n', /--spec: invalid YAML at line 4, column 3: target\.account: a key given twice/],
    ['base: &b {type: storage-blob}\ntarget: *b\n', /--spec: invalid YAML at line 2, column 9: target: expected no aliases, found \*b/],
    ['target:\n  type: storage-blob\n  account: !!binary aGk=\n', /line 3, column \d+: target\.account: expected no tags, found !!binary/],
    ['target: {type: !custom storage-blob}\n', /target\.type: expected no tags, found an unknown one/],
    ['? [a]\n: 1\n', /line 1, column 3: expected a string key/],
    ['target: {type: storage-blob}\n---\nnamespace: x\n', /expected one YAML document, found more/],
    ['target: [\n', /--spec: invalid YAML at line 2, column 1: target: /],
  ];
  for (const [text, message] of cases) {
    const r = cli(['render', '--spec', '-'], text);
    assert.equal(r.code, 1, `${text}: ${r.stderr}`);
    assert.match(r.stderr, message, text);
    assert.equal(r.stdout, '');
  }
  // Well-formed YAML, wrong spec: the module's typed error names the field.
  const type = cli(['render', '--spec', file('t.yaml', 'target:\n  type: storage-blob\n  account: 5\n')]);
  assert.match(type.stderr, /invalid-input: target\.account: invalid type: integer `5`, expected a string/);
  const unknown = cli(['render', '--spec', file('u.yaml', 'target: {type: storage-blob}\n__proto__: {x: 1}\n')]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /invalid-input: __proto__: unknown field/);
  const root = cli(['render', '--spec', file('list.yaml', '- a\n- b\n')]);
  assert.match(root.stderr, /\$: expected a connection spec object, found an array/);
  // The same cap as JSON, before parsing.
  const big = cli(['render', '--spec', '-'], `target: {type: storage-blob}\n# ${'x'.repeat(1024 * 1024)}\n`);
  assert.equal(big.code, 1);
  assert.match(big.stderr, /--spec: input-too-large: expected at most 1048576 bytes/);
  // A billion laughs is refused at its first alias, long before it could expand.
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
  const bomb = cli(['render', '--spec', '-'], `${laughs.join('\n')}\n`);
  assert.equal(bomb.code, 1);
  assert.match(bomb.stderr, /expected no aliases/);
});

test('target and auth flags come from the catalog; a flag the target does not take is a usage error', () => {
  const r = cli(['render', '--target', 'eventhub', '--namespace-name', 'hub-ns', '--namespace', 'apps', '--auth', 'workload-identity',
    '--client-id', CLIENT, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const items = JSON.parse(r.stdout).items;
  assert.ok(items.every((o) => o.metadata.namespace === 'apps'), 'the Kubernetes namespace');
  const secret = items.find((o) => o.kind === 'Secret');
  assert.ok(Object.values(secret.stringData).some((v) => v.includes('hub-ns')), JSON.stringify(secret.stringData));
  assert.equal(items.find((o) => o.kind === 'ServiceAccount').metadata.annotations['azure.workload.identity/client-id'], CLIENT);
  // Flags override the spec file's fields.
  const over = cli(['render', '--spec', completeYaml, '--account', 'other', '--namespace', 'team-b', '--format', 'json']);
  assert.equal(over.code, 0, over.stderr);
  const blob = JSON.parse(over.stdout).items.find((o) => o.kind === 'Secret');
  assert.equal(blob.stringData.AZURE_STORAGEBLOB_RESOURCEENDPOINT, 'https://other.blob.core.windows.net/');
  assert.equal(blob.metadata.namespace, 'team-b');
  // Cluster flags complete the plan.
  const plan = JSON.parse(cli(['plan', '--target', 'storage-blob', '--account', 'mystore', '--target-resource-group', 'data',
    '--subscription', SUB, '--resource-group', 'rg', '--cluster', 'aks1', '--auth', 'connection-string', '--json']).stdout);
  assert.equal(plan.requests[0].complete, true, plan.requests[0].missing.join());
  assert.match(plan.requests[0].url, new RegExp(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft\\.ContainerService/managedClusters/aks1/`));
  const usage = [
    [['render', '--target', 'storage-blob', '--vault', 'v'], /^aks-service-connector: --vault: not a parameter of target 'storage-blob'; expected --target-resource-group, --account$/m],
    [['render', '--spec', completeYaml, '--server', 's'], /--server: not a parameter of target 'storage-blob'/],
    [['render', '--target', 'storage-blob', '--auth', 'connection-string', '--client-id', CLIENT], /--client-id: not an input of auth 'connection-string' for target 'storage-blob'; expected none/],
    [['plan', '--target', 'keyvault', '--username', 'u'], /--username: not an input of auth 'keyvault-csi' for target 'keyvault'/],
    [['render', '--account', 'a', '--spec', '-'], /--account: depends on the target/],
    [['validate', '--target', 'storage-blob', '--colour', 'red'], /--colour: unknown option for 'validate'/],
  ];
  for (const [args, message] of usage) {
    const u = cli(args, '{}');
    assert.equal(u.code, 2, `${args.join(' ')}: ${u.stderr}`);
    assert.match(u.stderr, message, args.join(' '));
  }
  // The hint names the help that lists the target's flags.
  assert.match(cli(usage[0][0]).stderr, /^Run 'aks-service-connector render --target storage-blob --help' for usage\.$/m);
});

test('--help for a target lists its flags; without one, how to list them', () => {
  const eh = cli(['render', '--target', 'eventhub', '--help']);
  assert.equal(eh.code, 0, eh.stderr);
  assert.match(eh.stdout, /^Options of target eventhub \(Azure Event Hubs\):$/m);
  assert.match(eh.stdout, /^ {2}--namespace-name VALUE +Event Hubs namespace \(target\.namespace\)$/m);
  assert.match(eh.stdout, /^ {2}--target-resource-group VALUE +Resource group \(target\.resourceGroup\)$/m);
  assert.match(eh.stdout, /^Options of auth workload-identity, the default \(--auth workload-identity\):\n {2}--client-id VALUE +auth\.clientId$/m);
  assert.match(eh.stdout, /^Options of auth connection-string \(--auth connection-string\):\n {2}none$/m);
  assert.doesNotMatch(eh.stdout, /--account/);
  const listed = cli(['catalog']).stdout;
  assert.match(listed, /^eventhub +Azure Event Hubs\n(?: +.*\n)*? +parameters: --target-resource-group --namespace-name$/m);
  assert.match(listed, /^storage-blob +Azure Blob Storage\n(?: +.*\n)*? +parameters: --target-resource-group --account$/m);
  for (const command of ['validate', 'render', 'plan']) {
    const generic = cli([command, '--help']);
    assert.equal(generic.code, 0);
    assert.match(generic.stdout, /'--target ID --help' lists those of ID/);
    assert.match(generic.stdout, /--spec FILE +connection spec, JSON or YAML/);
    assert.match(generic.stdout, /^Exit codes: 0 success; 1 invalid input/m);
  }
  assert.match(cli(['render', '--help']).stdout, /--strict +exit 1/);
  const planHelp = cli(['plan', '--help']).stdout;
  assert.match(planHelp, /--only PART +print just one part \(arm, az, bicep, cleanup, troubleshoot\), raw/);
  assert.match(planHelp, /^ {2}az +az\.sh +the az command that creates the connection$/m);
  assert.match(planHelp, /^ {2}bicep +connection\.bicep +the Bicep file/m);
  const bad = cli(['render', '--target', 'nope', '--help']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--target: expected a target id of the catalog/);
});

test('the generated flags: every locating parameter and auth input of the catalog, one meaning each', async () => {
  const { generatedFlags } = await import(new URL('../cli/spec-flags.js', import.meta.url));
  const c = catalog();
  const flags = generatedFlags(c);
  const fields = (kind) => new Set(Object.values(flags).filter((d) => d.kind === kind).map((d) => d.field));
  assert.deepEqual(fields('target'), new Set(c.targets.flatMap((t) => t.parameters.map((p) => p.field))));
  assert.deepEqual(fields('auth'), new Set(c.targets.flatMap((t) => t.authInputs.flatMap((a) => a.fields.map((f) => f.replace('auth.', ''))))));
  // The az flag, except where the command's own flag means something else.
  assert.equal(flags['target-resource-group'].field, 'resourceGroup');
  assert.equal(flags['namespace-name'].field, 'namespace');
  assert.equal(flags.namespace, undefined);
  // Two fields under one flag cannot happen silently.
  const clash = { targets: [{ id: 'a', parameters: [{ field: 'x', flag: '--same' }, { field: 'y', flag: '--same' }], authInputs: [] }] };
  assert.throws(() => generatedFlags(clash), /flag --same would mean both target\.x and target\.y/);
});

test('plan text shows every part; --only prints one, raw, with real values', () => {
  const spec = file('secret.yaml', `target: {type: confluent-cloud, bootstrapServer: "h:9092", kafkaKey: k, kafkaSecret: S3CRET-K, schemaRegistry: "https://r", schemaKey: sk, schemaSecret: S3CRET-S}
auth: {type: secret}
namespace: apps
cluster: {subscription: ${SUB}, resourceGroup: rg, name: aks1}
`);
  const text = cli(['plan', '--spec', spec]);
  assert.equal(text.code, 0, text.stderr);
  for (const heading of [/^operations \(/m, /^ARM request \(api-version/m, /^az command:$/m, /^ {2}show: az aks connection show/m,
    /^Bicep \(api-version [^;]+; secure parameters: kafkaSecret, schemaSecret\):$/m, /^ {2}deploy: az deployment group create/m,
    /^cleanup:$/m, /^troubleshooting:$/m, /^ {6}\$ az provider register -n Microsoft\.ServiceLinker$/m]) {
    assert.match(text.stdout, heading);
  }
  assert.doesNotMatch(text.stdout, /S3CRET/, 'the text form masks secrets');
  const fic = cli(['plan', '--spec', completeYaml]);
  assert.match(fic.stdout, /^federated credential:\n {2}name: sc-blob-fic\n/m);
  const json = JSON.parse(cli(['plan', '--spec', spec, '--json']).stdout);
  const only = (part) => {
    const r = cli(['plan', '--spec', spec, '--only', part]);
    assert.equal(r.code, 0, `${part}: ${r.stderr}`);
    return r.stdout;
  };
  assert.equal(only('az'), `${json.az.create.line}\n`);
  assert.match(only('az'), /--kafka-secret S3CRET-K/);
  assert.equal(only('bicep'), json.bicep.text);
  const requests = only('arm').split(/\n(?=\{)/).map((t) => JSON.parse(t));
  assert.deepEqual(requests, json.requests.map((r) => ({ linker: r.linker, method: r.method, url: r.url, body: r.body })));
  assert.equal(requests[0].body.properties.authInfo.secretInfo.value, 'S3CRET-K');
  const cleanup = only('cleanup');
  assert.deepEqual(cleanup.split('\n').filter((l) => l && !l.startsWith('#')), json.cleanup.map((c) => c.line));
  assert.deepEqual(only('troubleshoot').split('\n').filter((l) => l && !l.startsWith('#')), json.troubleshooting.map((c) => c.line));
  const usage = [
    [['plan', '--spec', spec, '--only', 'yaml'], /--only: expected arm or az or bicep or cleanup or troubleshoot, found 'yaml'/],
    [['plan', '--spec', spec, '--only', 'az', '--json'], /--only: prints one part as it is; leave out --json/],
    [['plan', '--spec', spec, '--out', dir, '--json'], /--out: writes the parts as files; leave out --json/],
  ];
  for (const [args, message] of usage) {
    const u = cli(args);
    assert.equal(u.code, 2, u.stderr);
    assert.match(u.stderr, message);
  }
});

test('classify: exit 4 when the category is unknown, 0 when recognised, the diagnosis printed either way', () => {
  const unknown = cli(['classify', '--json'], 'the weather is fine today\n');
  assert.equal(unknown.code, 4, unknown.stderr);
  assert.equal(JSON.parse(unknown.stdout).category, 'unknown');
  const human = cli(['classify'], 'the weather is fine today\n');
  assert.equal(human.code, 4);
  assert.match(human.stdout, /^category: unknown\n/);
  const known = cli(['classify'], "AADSTS700016: Application with identifier '4e3d2c1b-0000-4000-8000-0000000000aa' was not found in the directory 'Contoso'.\n");
  assert.equal(known.code, 0, known.stderr);
  assert.match(cli(['classify', '--help']).stdout, /Exit 0 when the text is recognised, 4 when its category is 'unknown'/);
});

test('usage errors are found on the parsed tokens and name the flag as typed', () => {
  const cases = [
    [['render', '--spec', '--json'], /^aks-service-connector: --spec: expected a value$/m],
    [['render', '--target'], /^aks-service-connector: --target: expected a value$/m],
    [['render', '--target=storage-blob', '--strict=yes'], /^aks-service-connector: --strict: takes no value$/m],
    [['render', '-x'], /^aks-service-connector: -x: unknown option for 'render'$/m],
    [['plan', '--target', 'storage-blob', 'extra'], /unexpected argument 'extra'/],
    [['validate', '--', 'x'], /unexpected argument 'x'/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
  }
  // A value may start with a dash when given inline.
  const inline = cli(['render', '--target=storage-blob', '--connection=-x']);
  assert.equal(inline.code, 1, 'reaches the module, which refuses the name');
  assert.match(inline.stderr, /SC001 connectionName/);
});

test('the command branches on error codes, never on message text', () => {
  const sources = [join(JS_DIR, 'cli.js'), ...readdirSync(join(JS_DIR, 'cli'), { recursive: true })
    .filter((f) => f.endsWith('.js')).map((f) => join(JS_DIR, 'cli', f))];
  assert.ok(sources.length > 10);
  for (const f of sources) {
    const source = readFileSync(f, 'utf8');
    assert.doesNotMatch(source, /\.message\)?\s*\.(test|match|includes|startsWith|endsWith|indexOf)\(|\.(test|exec|match)\([^)]*\.message\b/, f);
  }
});

test("js/README's pipeline example runs as written", () => {
  const readme = readFileSync(join(JS_DIR, 'README.md'), 'utf8');
  const spec = /```yaml\n(# connection\.yaml\n[\s\S]*?)```/.exec(readme);
  assert.ok(spec, 'README has the connection.yaml block');
  const cwd = mkdtempSync(join(dir, 'readme-'));
  writeFileSync(join(cwd, 'connection.yaml'), spec[1]);
  const run = (args) => cli(args.map((a) => (a === 'connection.yaml' || a === 'manifests' ? join(cwd, a) : a)));
  const render = run(['render', '--spec', 'connection.yaml', '--strict', '--out', 'manifests']);
  assert.equal(render.code, 0, render.stderr);
  assert.deepEqual(readdirSync(join(cwd, 'manifests')).map((f) => f.slice(0, 3)).sort(), ['10-', '20-', '40-']);
  const az = run(['plan', '--spec', 'connection.yaml', '--strict', '--only', 'az']);
  assert.equal(az.code, 0, az.stderr);
  assert.match(az.stdout, /^az aks connection create storage-blob --connection storage_conn --resource-group aks-rg --name my-aks /);
  const plan = run(['plan', '--spec', 'connection.yaml', '--out', 'manifests']);
  assert.equal(plan.code, 0, plan.stderr);
  assert.ok(readdirSync(join(cwd, 'manifests', 'plan')).includes('arm-request.json'));
});
