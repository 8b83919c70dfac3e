// provision() as a new user meets it, against the fake ARM through the real Azure SDK: a fresh
// subscription, a busy cluster, a workload identity to resolve, failures diagnosed by the
// classifier, throttling, dropped connections, aborts during every wait, the dry run, every auth id,
// the host-token credential, and no token or secret in anything handed back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AzureLogger, setLogLevel } from '@azure/logger';
import { catalog, plan } from 'aks-service-connector';
import {
  API_VERSIONS, credentialFromGetToken, listConnections, provision, updateConnection,
} from 'aks-service-connector/provision';
import { CONFIGURATIONS, ISSUER, fakeClientOptions, fakeCredential } from './fake-arm.js';
import { CLUSTER, CLUSTER_ID, IDENTITY, IDENTITY_ID, SUB, fakeArmOptions, rejects, useFakeArm } from './provision-helpers.js';

const TARGET_SUB = '99999999-8888-7777-6666-555555555555';

const BLOB = { type: 'storage-blob', account: 'mystore', resourceGroup: 'data-rg', subscription: SUB };
/** Workload identity named by its resource id only: the shell resolves the client id. */
const WI_SPEC = {
  connectionName: 'blob_wi', namespace: 'apps', clientType: 'python', cluster: CLUSTER, target: BLOB,
  auth: { type: 'workload-identity', identityId: IDENTITY_ID, subscriptionId: SUB },
};
const CS_SPEC = { connectionName: 'blob_cs', namespace: 'apps', cluster: CLUSTER, target: BLOB, auth: { type: 'connection-string' } };

let fake;
useFakeArm({ started: (f) => { fake = f; }, reset: (f) => f.identities.set(IDENTITY_ID.toLowerCase(), IDENTITY) });
const options = (extra) => fakeArmOptions(fake, extra);

const statuses = (events, action) => events.filter((s) => s.action === action).map((s) => s.status);

test('a fresh subscription: the providers are registered on the way, in the target\'s subscription too', async () => {
  fake.unregister(SUB, 'Microsoft.KubernetesConfiguration');
  fake.unregister(SUB, 'Microsoft.ServiceLinker');
  fake.unregister(TARGET_SUB, 'Microsoft.ServiceLinker');
  fake.behavior.registeringReads = 2;
  const events = [];
  const spec = { ...CS_SPEC, target: { ...BLOB, subscription: TARGET_SUB } };
  const result = await provision(spec, options({ onStep: (s) => events.push(s) }));

  const calls = fake.calls();
  assert.deepEqual(calls.slice(0, 6), [
    'GET providers/Microsoft.KubernetesConfiguration', 'GET providers/Microsoft.ServiceLinker', 'GET providers/Microsoft.ServiceLinker@9999',
    'POST providers/Microsoft.KubernetesConfiguration/register', 'POST providers/Microsoft.ServiceLinker/register', 'POST providers/Microsoft.ServiceLinker@9999/register',
  ]);
  // Registering for two reads each, then Registered; only then the cluster and the create.
  assert.equal(calls.filter((c) => c === 'GET providers/Microsoft.ServiceLinker@9999').length, 4);
  assert.ok(calls.indexOf('GET cluster') > calls.lastIndexOf('GET providers/Microsoft.KubernetesConfiguration'));
  assert.ok(calls.includes('PUT …/linkers/blob_cs'));
  const providerRequests = fake.requests.filter((r) => /^\/subscriptions\/[^/]+\/providers\/[^/]+(\/register)?$/.test(r.path));
  assert.deepEqual([...new Set(providerRequests.map((r) => r.apiVersion))], [API_VERSIONS.providers.apiVersion]);

  assert.deepEqual(result.providers, [
    { namespace: 'Microsoft.KubernetesConfiguration', subscription: SUB, state: 'Registered', registeredNow: true },
    { namespace: 'Microsoft.ServiceLinker', subscription: SUB, state: 'Registered', registeredNow: true },
    { namespace: 'Microsoft.ServiceLinker', subscription: TARGET_SUB, state: 'Registered', registeredNow: true },
  ]);
  assert.deepEqual([...new Set(statuses(events, 'providers'))], ['running', 'waiting', 'succeeded']);
  const done = events.findLast((s) => s.action === 'providers');
  assert.equal(done.message, `registered Microsoft.KubernetesConfiguration in ${SUB}, Microsoft.ServiceLinker in ${SUB}, Microsoft.ServiceLinker in ${TARGET_SUB}`);
  assert.ok(done.polls >= 2);
  // The plan knows the providers are registered now.
  const byId = Object.fromEntries(result.plan.operations.map((o) => [o.id, o.status]));
  assert.equal(byId['provider-kubernetes-configuration'], 'alreadyDone');
  assert.equal(byId['provider-service-linker'], 'alreadyDone');
  assert.equal(byId['cluster-not-updating'], 'alreadyDone');
});

test('a registration that does not finish in time is a timeout with the subscription_not_registered diagnosis', async () => {
  fake.unregister(SUB, 'Microsoft.ServiceLinker');
  fake.behavior.registeringReads = Infinity;
  const e = await rejects(provision(CS_SPEC, options({ timeouts: { providerRegistrationMs: 40 } })));
  assert.equal(e.code, 'timeout');
  assert.match(e.message, /^resource providers: expected Microsoft\.ServiceLinker to be Registered within 40 ms, found Registering/);
  assert.equal(e.diagnosis.category, 'subscription_not_registered');
  assert.ok(e.diagnosis.commands.some((c) => c.includes('az provider register --namespace Microsoft.ServiceLinker')), e.diagnosis.commands.join('\n'));
  assert.deepEqual(e.diagnosis.entities.providerNamespace, ['Microsoft.ServiceLinker']);
  assert.equal(e.step.action, 'providers');
  assert.equal(e.step.status, 'failed');
  assert.deepEqual(fake.writes().map((r) => r.method + ' ' + r.path.split('/').slice(-2).join('/')), ['POST Microsoft.ServiceLinker/register']);
});

test('a busy cluster: the shell waits until it is Succeeded, then creates', async () => {
  fake.behavior.clusterBusyReads = 3;
  const events = [];
  const result = await provision(CS_SPEC, options({ onStep: (s) => events.push(s) }));
  assert.equal(fake.calls().filter((c) => c === 'GET cluster').length, 4);
  assert.ok(fake.calls().indexOf('PUT …/linkers/blob_cs') > fake.calls().lastIndexOf('GET cluster'));
  const waiting = events.filter((s) => s.action === 'cluster' && s.status === 'waiting');
  assert.equal(waiting.length, 3);
  assert.equal(waiting[0].message, 'cluster aks is Updating; waiting until it is Succeeded');
  assert.equal(result.cluster.provisioningState, 'Succeeded');
  assert.equal(result.cluster.oidcIssuerUrl, ISSUER);
  // Never a write to the cluster itself.
  assert.ok(!fake.writes().some((r) => /managedClusters\/aks$/i.test(r.path)));
});

test('a cluster that stays busy: timeout with the conflict_cluster_updating diagnosis naming the cluster, nothing created', async () => {
  fake.behavior.clusterBusyReads = Infinity;
  const e = await rejects(provision(CS_SPEC, options({ timeouts: { clusterReadyMs: 40 } })));
  assert.equal(e.code, 'timeout');
  assert.match(e.message, /^read cluster aks \(GET \/subscriptions\/.*\/managedClusters\/aks\): expected provisioningState Succeeded within 40 ms, found Updating; nothing was created$/);
  assert.equal(e.diagnosis.category, 'conflict_cluster_updating');
  assert.ok(e.diagnosis.commands.includes('az aks show -g aks-rg -n aks --query provisioningState -o tsv'), e.diagnosis.commands.join('\n'));
  assert.ok(e.diagnosis.mitigation.length > 0 && e.diagnosis.cause);
  assert.deepEqual(fake.writes(), []);

  // A failed cluster is not waited for. (A read the timeout cut may still reach the fake: let it land first.)
  await new Promise((resolve) => setTimeout(resolve, 50));
  fake.reset();
  fake.behavior.clusterState = 'Failed';
  const failed = await rejects(provision(CS_SPEC, options()));
  assert.equal(failed.code, 'cluster-not-ready');
  assert.equal(failed.diagnosis.category, 'conflict_cluster_updating');
  assert.equal(fake.calls().filter((c) => c === 'GET cluster').length, 1);
  assert.deepEqual(fake.writes(), []);

  fake.reset();
  fake.behavior.clusterMissing = true;
  const missing = await rejects(provision(CS_SPEC, options()));
  assert.equal(missing.code, 'arm-error');
  assert.equal(missing.status, 404);
  assert.equal(missing.diagnosis.category, 'aks_not_found');
});

test('workload identity: the client id is resolved from the identity id; a mismatch is caught before anything is created', async () => {
  const result = await provision(WI_SPEC, options());
  assert.deepEqual(fake.calls().slice(0, 4), [
    'GET providers/Microsoft.KubernetesConfiguration', 'GET providers/Microsoft.ServiceLinker', 'GET cluster', 'GET identity/app-id',
  ]);
  assert.equal(fake.requests.find((r) => r.path.includes('userAssignedIdentities')).apiVersion, API_VERSIONS.userAssignedIdentities.apiVersion);
  const put = fake.requests.find((r) => r.method === 'PUT');
  assert.equal(put.body.properties.authInfo.clientId, IDENTITY.clientId);
  assert.equal(put.body.properties.authInfo.subscriptionId, SUB);
  assert.deepEqual(result.identity, { id: IDENTITY_ID, name: 'app-id', ...IDENTITY });
  // The ServiceAccount carries the resolved client id; the federated credential preview has the issuer.
  assert.match(result.yaml, new RegExp(`azure.workload.identity/client-id: ${IDENTITY.clientId}`));
  assert.equal(result.plan.federatedCredential.issuer, ISSUER);
  assert.equal(result.plan.federatedCredential.identityName, 'app-id');

  // The right client id given: checked, accepted.
  fake.reset();
  fake.identities.set(IDENTITY_ID.toLowerCase(), IDENTITY);
  await provision({ ...WI_SPEC, auth: { ...WI_SPEC.auth, clientId: IDENTITY.clientId.toUpperCase() } }, options());

  fake.reset();
  fake.identities.set(IDENTITY_ID.toLowerCase(), IDENTITY);
  const wrong = '00001111-aaaa-2222-bbbb-3333cccc4444';
  const e = await rejects(provision({ ...WI_SPEC, auth: { ...WI_SPEC.auth, clientId: wrong } }, options()));
  assert.equal(e.code, 'identity-mismatch');
  assert.equal(e.field, 'auth.clientId');
  assert.match(e.message, new RegExp(`expected auth.clientId to be the identity's client id ${IDENTITY.clientId}, found ${wrong}; nothing was created$`));
  assert.equal(e.diagnosis.category, 'wi_wrong_client_id');
  assert.deepEqual(e.diagnosis.entities.clientId, [wrong]);
  assert.deepEqual(fake.writes(), []);

  // An identity that does not exist: ARM's 404, diagnosed.
  fake.reset();
  const gone = await rejects(provision(WI_SPEC, options()));
  assert.equal(gone.code, 'arm-error');
  assert.equal(gone.status, 404);
  assert.equal(gone.step.action, 'identity');
  assert.ok(gone.diagnosis);
  assert.deepEqual(fake.writes(), []);
});

test('a linker operation that fails with a Helm timeout in the extension statuses: helm_timeout with the cluster\'s names', async () => {
  fake.behavior.outcome = 'Failed';
  fake.behavior.outcomeError = { code: 'ExtensionOperationFailed', message: 'The extension operation failed for sc-extension.' };
  fake.behavior.extension = {
    provisioningState: 'Failed',
    statuses: [{ code: 'InstallationFailed', displayStatus: 'Failed', level: 'Error', message: 'Helm installation failed : Timed out waiting for resource readiness', time: '2026-12-05T10:11:12Z' }],
    errorInfo: { code: 'ExtensionOperationFailed', message: 'Helm installation failed' },
  };
  const e = await rejects(provision(CS_SPEC, options()));
  assert.equal(e.code, 'operation-failed');
  assert.equal(e.armCode, 'ExtensionOperationFailed');
  assert.equal(e.extension.provisioningState, 'Failed');
  assert.equal(e.extension.statuses[0].message, 'Helm installation failed : Timed out waiting for resource readiness');
  assert.equal(fake.requests.find((r) => r.path.endsWith('/extensions/sc-extension')).apiVersion, API_VERSIONS.extensions.apiVersion);
  assert.equal(e.diagnosis.category, 'helm_timeout');
  assert.ok(e.diagnosis.commands.includes('az k8s-extension show --resource-group aks-rg --cluster-name aks --cluster-type managedClusters --name sc-extension'), e.diagnosis.commands.join('\n'));
  assert.ok(e.diagnosis.mitigation.length > 0);
  assert.deepEqual(e.steps.map((s) => `${s.action} ${s.status}`), [
    'plan succeeded', 'providers succeeded', 'cluster succeeded', 'create failed', 'extension succeeded',
  ]);
});

test('403 AuthorizationFailed: authorization_failed with the action and the scope', async () => {
  const scope = `${CLUSTER_ID}/providers/Microsoft.ServiceLinker/linkers/blob_cs`;
  fake.behavior.putError = {
    status: 403, code: 'AuthorizationFailed',
    message: `The client 'd1f3c6a2-4b5e-4c7d-9e8f-0a1b2c3d4e5f' with object id 'd1f3c6a2-4b5e-4c7d-9e8f-0a1b2c3d4e5f' does not have authorization to perform action 'Microsoft.ServiceLinker/linkers/write' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  };
  const e = await rejects(provision(CS_SPEC, options()));
  assert.equal(e.code, 'arm-error');
  assert.equal(e.status, 403);
  assert.equal(e.diagnosis.category, 'authorization_failed');
  assert.deepEqual(e.diagnosis.entities.action, ['Microsoft.ServiceLinker/linkers/write']);
  assert.deepEqual(e.diagnosis.entities.scope, [scope]);
  assert.ok(e.diagnosis.commands.some((c) => c.includes(`--scope ${scope}`)), e.diagnosis.commands.join('\n'));
  // A rejected PUT: the extension was not involved, and is not read.
  assert.equal(e.extension, null);
  assert.ok(!fake.calls().includes('GET extension/sc-extension'));
});

test('429 and 503 with Retry-After are retried by the SDK\'s policy and succeed; a dropped connection is retried too', async () => {
  fake.behavior.throttle = { count: 2, retryAfter: '0' };
  const result = await provision(CS_SPEC, options({ clientOptions: fakeClientOptions(fake, { retries: 3 }) }));
  assert.equal(result.linkers[0].properties.provisioningState, 'Succeeded');
  // The first request was answered 429 twice, then sent a third time.
  assert.deepEqual(fake.calls().slice(0, 3), Array(3).fill('GET providers/Microsoft.KubernetesConfiguration'));

  // A 503 with Retry-After in the middle of the operation: retried the same way.
  fake.reset();
  fake.behavior.throttle = { count: 0, retryAfter: '0', status: 503 };
  let polls = 0;
  const served = await provision(CS_SPEC, options({
    clientOptions: fakeClientOptions(fake, { retries: 3 }),
    onStep: (s) => { if (s.action === 'create' && s.operationStatus === 'Accepted' && polls++ === 0) fake.behavior.throttle.count = 1; },
  }));
  assert.equal(served.linkers[0].properties.provisioningState, 'Succeeded');
  assert.ok(polls > 0, 'the 503 was armed');
  assert.equal(fake.behavior.throttle.count, 0, 'the 503 was served');

  fake.reset();
  fake.behavior.drop = 1;
  const again = await provision(CS_SPEC, options({ clientOptions: fakeClientOptions(fake, { retries: 3 }) }));
  assert.equal(again.linkers.length, 1);
  assert.deepEqual(fake.calls().slice(0, 2), Array(2).fill('GET providers/Microsoft.KubernetesConfiguration'));

  // Without retries, throttling is ARM's error and a dropped connection no answer.
  fake.reset();
  fake.behavior.throttle = { count: 1, retryAfter: '0' };
  const throttled = await rejects(provision(CS_SPEC, options()));
  assert.equal(throttled.code, 'arm-error');
  assert.equal(throttled.status, 429);
  fake.reset();
  fake.behavior.drop = 1;
  const dropped = await rejects(provision(CS_SPEC, options()));
  assert.equal(dropped.code, 'request-failed');
  assert.match(dropped.message, /expected an answer from ARM, found an error: /);
  assert.deepEqual(fake.writes(), []);
});

test('an abort during each wait stops the run at once', { timeout: 20000 }, async () => {
  const waits = [
    ['providers', () => { fake.unregister(SUB, 'Microsoft.ServiceLinker'); fake.behavior.registeringReads = Infinity; }, (s) => s.action === 'providers' && s.status === 'waiting'],
    ['cluster', () => { fake.behavior.clusterBusyReads = Infinity; }, (s) => s.action === 'cluster' && s.status === 'waiting'],
    ['create', () => { fake.behavior.polls = Infinity; }, (s) => s.action === 'create' && s.operationStatus === 'InProgress'],
  ];
  for (const [action, arrange, when] of waits) {
    fake.reset();
    arrange();
    const controller = new AbortController();
    const started = Date.now();
    const e = await rejects(provision(CS_SPEC, options({
      pollIntervalMs: 20, signal: controller.signal, onStep: (s) => { if (when(s)) controller.abort(); },
    })));
    assert.equal(e.code, 'aborted', action);
    assert.equal(e.name, 'AbortError');
    assert.equal(e.step.action, action);
    assert.equal(e.step.status, 'aborted');
    assert.equal(e.diagnosis, null);
    assert.ok(Date.now() - started < 5000, `${action}: the abort did not wait`);
    const sent = fake.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(fake.requests.length, sent, `${action}: no request after the abort`);
  }
});

test('an operation that does not end in time is a timeout; ARM may still finish it', async () => {
  fake.behavior.polls = Infinity;
  const e = await rejects(provision(CS_SPEC, options({ timeouts: { operationMs: 50 } })));
  assert.equal(e.code, 'timeout');
  assert.match(e.message, /^create of linker blob_cs \(PUT .*\): expected an end within 50 ms, found none; the operation may still finish in Azure$/);
  assert.equal(e.step.action, 'create');
  assert.equal(e.step.status, 'failed');
  assert.ok(e.step.polls > 0);
});

test('dry run: only reads are sent; the writes come back with secrets masked', async () => {
  fake.unregister(SUB, 'Microsoft.KubernetesConfiguration');
  const spec = {
    connectionName: 'kafka', namespace: 'apps', cluster: CLUSTER,
    target: {
      type: 'confluent-cloud', bootstrapServer: 'pkc.eastus.azure.confluent.cloud:9092', kafkaKey: 'KK', kafkaSecret: 'kafka-secret-value',
      schemaRegistry: 'https://psrc.eastus.azure.confluent.cloud', schemaKey: 'SK', schemaSecret: 'schema-secret-value',
    },
  };
  const events = [];
  const result = await provision(spec, options({ dryRun: true, onStep: (s) => events.push(s) }));
  assert.deepEqual(fake.writes(), []);
  assert.ok(fake.requests.every((r) => r.method === 'GET'));
  assert.equal(result.dryRun, true);
  const expected = plan(spec);
  assert.deepEqual(result.writes, [
    { method: 'POST', url: `https://management.azure.com/subscriptions/${SUB}/providers/Microsoft.KubernetesConfiguration/register?api-version=2024-11-01`, body: null },
    ...expected.requests.map((r) => ({ method: 'PUT', url: r.url, body: r.maskedBody })),
  ]);
  assert.equal(result.writes[1].body.properties.authInfo.secretInfo.value, '***');
  // The plan is the caller's own (its `body` holds what they gave); what is new is masked.
  assert.doesNotMatch(JSON.stringify({ writes: result.writes, steps: result.steps, events }), /secret-value/);
  assert.deepEqual(result.steps.filter((s) => s.action === 'create').map((s) => s.status), ['skipped', 'skipped']);
  assert.equal(result.providers[0].state, 'NotRegistered');
  assert.match(result.yaml, /kind: Secret/);

  // A busy cluster is reported, not waited for.
  fake.reset();
  fake.behavior.clusterBusyReads = Infinity;
  const busy = await provision(CS_SPEC, options({ dryRun: true }));
  assert.equal(busy.cluster.provisioningState, 'Updating');
  assert.equal(fake.calls().filter((c) => c === 'GET cluster').length, 1);
  assert.deepEqual(fake.writes(), []);
});

/** One complete spec per auth id (a target that supports it, every value the request needs). */
function specsForEveryAuth() {
  const guid = (n) => `${String(n).repeat(8)}-aaaa-4bbb-8ccc-${String(n).repeat(12)}`;
  return {
    'workload-identity': WI_SPEC,
    'connection-string': CS_SPEC,
    'service-principal': { ...CS_SPEC, connectionName: 'blob_sp', auth: { type: 'service-principal', clientId: guid(1), objectId: guid(2), secret: 'sp-secret-value' } },
    secret: {
      connectionName: 'pg', namespace: 'apps', cluster: CLUSTER,
      target: { type: 'postgres', resourceGroup: 'db-rg', server: 'pgserver', database: 'appdb', subscription: SUB },
      auth: { type: 'secret', username: 'app', password: 'pg-password-value' },
    },
    'keyvault-csi': { connectionName: 'kv', namespace: 'apps', cluster: CLUSTER, target: { type: 'keyvault', resourceGroup: 'kv-rg', vault: 'myvault', subscription: SUB }, auth: { type: 'keyvault-csi' } },
  };
}

test('every auth id end to end', async () => {
  const specs = specsForEveryAuth();
  assert.deepEqual(Object.keys(specs).sort(), catalog().authTypes.map((a) => a.id ?? a).sort());
  for (const [auth, spec] of Object.entries(specs)) {
    fake.reset();
    fake.identities.set(IDENTITY_ID.toLowerCase(), IDENTITY);
    const result = await provision(spec, options());
    const put = fake.requests.find((r) => r.method === 'PUT');
    assert.equal(put.body.properties.authInfo.authType, result.plan.requests[0].body.properties.authInfo.authType, auth);
    assert.deepEqual(put.body, result.plan.requests[0].body, auth);
    assert.equal(result.linkers[0].properties.provisioningState, 'Succeeded', auth);
    assert.deepEqual(result.configurations[0].names, CONFIGURATIONS.map((c) => c.name), auth);
    assert.ok(result.objects.length > 0, auth);
    assert.deepEqual(statuses(result.steps, 'identity'), auth === 'workload-identity' ? ['succeeded'] : [], auth);
  }
});

/** Every string reachable from `value`, own properties enumerable or not (messages, stacks, causes). */
function strings(value, seen = new Set()) {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const out = [];
  for (const key of Object.getOwnPropertyNames(value)) {
    let v;
    try { v = value[key]; } catch { continue; }
    out.push(...strings(v, seen));
  }
  return out;
}

test('tokens and secret values never appear in steps, errors, diagnoses or logs', async (t) => {
  const TOKEN = 'tok-PLANTED-eyJhbGciOi.0123456789abcdef';
  const SECRETS = ['sp-secret-value', 'pg-password-value'];
  const logs = [];
  const log = AzureLogger.log;
  AzureLogger.log = (...args) => logs.push(args.map(String).join(' '));
  setLogLevel('verbose');
  t.after(() => { setLogLevel(); AzureLogger.log = log; });
  const seen = [];
  const specs = specsForEveryAuth();
  const planted = { credential: fakeCredential(TOKEN), onStep: (s) => seen.push(s) };
  const leaks = (what, value) => {
    for (const s of strings(value)) {
      assert.ok(!s.includes(TOKEN), `${what} holds the token: ${s}`);
      for (const secret of SECRETS) assert.ok(!s.includes(secret), `${what} holds ${secret}: ${s}`);
    }
  };

  const ok = await provision(specs['service-principal'], options(planted));
  leaks('a result', { steps: ok.steps, linkers: ok.linkers, configurations: ok.configurations, objects: ok.objects, yaml: ok.yaml });
  assert.match(ok.yaml, /kind: Secret[\s\S]*\*\*\*/);
  const pg = await provision(specs.secret, options(planted));
  leaks('a result', pg.yaml);

  // ARM echoes the secret and the token in its error message: both masked in the error and its diagnosis.
  fake.reset();
  fake.behavior.putError = { status: 400, code: 'InvalidRequestContent', message: `bad secret 'pg-password-value' sent with Bearer ${TOKEN}` };
  const echoed = await rejects(provision(specs.secret, options(planted)));
  assert.match(echoed.armMessage, /bad secret '\*\*\*' sent with Bearer \*\*\*/);
  leaks('an ARM error', echoed);

  fake.reset();
  fake.behavior.outcome = 'Failed';
  fake.behavior.outcomeError = { code: 'ExtensionOperationFailed', message: 'secret sp-secret-value rejected' };
  fake.behavior.extension = { provisioningState: 'Failed', statuses: [{ level: 'Error', message: 'Helm installation failed : Timed out waiting for resource readiness; value sp-secret-value' }] };
  const failed = await rejects(provision(specs['service-principal'], options(planted)));
  assert.ok(failed.diagnosis);
  leaks('an operation failure', failed);

  fake.reset();
  fake.behavior.drop = 1;
  leaks('a network failure', await rejects(provision(specs.secret, options(planted))));

  leaks('the steps reported', seen);
  assert.ok(logs.length > 10, 'the SDK logged the requests');
  assert.ok(logs.some((l) => /authorization/i.test(l)), 'the Authorization header was logged (redacted)');
  leaks('the SDK logs', logs);
  assert.ok(fake.requests.some((r) => r.authorization === `Bearer ${TOKEN}`), 'the planted token was really sent');
});

test('listConnections: every linker of a cluster, across pages; updateConnection PATCHes an existing linker', async () => {
  await provision(CS_SPEC, options());
  await provision({ ...CS_SPEC, connectionName: 'blob_two' }, options());
  fake.requests.length = 0;
  fake.behavior.pageSize = 1;
  const listed = await listConnections(CLUSTER, options());
  assert.deepEqual(listed.connections.map((c) => c.name), ['blob_cs', 'blob_two']);
  assert.equal(listed.clusterId, CLUSTER_ID);
  assert.deepEqual(fake.calls(), ['GET …/linkers', 'GET …/linkers']);
  // Without a spec, the plan's default api-version.
  assert.equal(fake.requests[0].apiVersion, plan(CS_SPEC).apiVersion);
  assert.equal(fake.requests[1].rawPath.endsWith('/linkers'), true);
  const byId = await listConnections(CLUSTER_ID, options({ apiVersion: '2022-05-01' }));
  assert.equal(byId.connections.length, 2);
  assert.equal(fake.requests.at(-1).apiVersion, '2022-05-01');
  const bad = await rejects(listConnections({ ...CLUSTER, name: 'a/b' }, options()));
  assert.equal(bad.code, 'invalid-input');
  assert.equal(bad.field, 'cluster.name');
  assert.equal((await rejects(listConnections('/subscriptions/x', options()))).field, 'cluster');

  fake.requests.length = 0;
  const spec = { ...CS_SPEC, customizedKeys: { AZURE_STORAGEBLOB_CONNECTIONSTRING: 'BLOB_CS' } };
  const updated = await updateConnection(spec, options());
  assert.deepEqual(fake.calls(), ['PATCH …/linkers/blob_cs', 'GET …/linkers/blob_cs']);
  const patch = fake.requests[0];
  assert.deepEqual(patch.body, { properties: plan(spec).requests[0].body.properties });
  assert.equal(updated.linkers[0].properties.configurationInfo.customizedKeys.AZURE_STORAGEBLOB_CONNECTIONSTRING, 'BLOB_CS');
  assert.deepEqual(updated.steps.map((s) => `${s.action} ${s.status}`), ['plan succeeded', 'update succeeded']);

  const dry = await updateConnection(spec, options({ dryRun: true }));
  assert.deepEqual(dry.writes.map((w) => w.method), ['PATCH']);
  const missing = await rejects(updateConnection({ ...CS_SPEC, connectionName: 'nope' }, options()));
  assert.equal(missing.code, 'arm-error');
  assert.equal(missing.status, 404);
});

test('credentialFromGetToken: a host\'s token function as a TokenCredential, expiry handled', async () => {
  const jwt = (exp) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
  let now = 1_000_000_000_000;
  const asked = [];
  const host = async (scopes) => { asked.push(scopes); return jwt(now / 1000 + 600); };
  const credential = credentialFromGetToken(host, { now: () => now });
  const first = await credential.getToken('https://management.azure.com/.default');
  assert.equal(first.expiresOnTimestamp, now + 600_000);
  await credential.getToken(['https://management.azure.com/.default']);
  assert.equal(asked.length, 1, 'reused until close to its expiry');
  assert.deepEqual(asked[0], ['https://management.azure.com/.default']);
  now += 500_000; // 100 s left: inside the 120 s refresh window
  await credential.getToken('https://management.azure.com/.default');
  assert.equal(asked.length, 2, 'asked again before it expires');

  // The VS Code session shape and an opaque token (a short assumed lifetime).
  const session = credentialFromGetToken(async () => ({ accessToken: 'opaque', expiresOn: new Date(now + 5000) }), { now: () => now, refreshBeforeMs: 0 });
  assert.deepEqual(await session.getToken('s'), { token: 'opaque', expiresOnTimestamp: now + 5000 });
  const opaque = credentialFromGetToken(async () => 'opaque-token', { now: () => now });
  assert.equal((await opaque.getToken('s')).expiresOnTimestamp, now + 60_000);
  await assert.rejects(credentialFromGetToken(async () => ({}), { now: () => now }).getToken('s'), /expected the host's getToken to give a token/);
  assert.throws(() => credentialFromGetToken('token'), /expected the host's getToken function, found string/);

  // End to end: the host's token reaches ARM.
  const portal = credentialFromGetToken(async () => ({ token: 'portal-token', expiresOnTimestamp: Date.now() + 3600_000 }));
  await provision(CS_SPEC, options({ credential: portal }));
  assert.ok(fake.requests.every((r) => r.authorization === 'Bearer portal-token'));
});
