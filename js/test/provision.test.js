// aks-service-connector/provision against a fake ARM on 127.0.0.1 (./fake-arm.js), reached through the
// real Azure SDK pipeline (bearer token policy, retry, LRO poller) with a redirect policy. Every
// request the SDK sends is recorded and checked against the plan. The checks before the create
// (providers, cluster, identity) and the diagnosis of failures are in provision-flow.test.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { plan } from 'aks-service-connector';
import {
  provision, validateConnection, listConfigurations, deleteConnection, ProvisionError,
} from 'aks-service-connector/provision';
import { ARM, CONFIGURATIONS, ISSUER, startFakeArm, fakeClientOptions, fakeCredential } from './fake-arm.js';
import { CLUSTER, CLUSTER_ID, SUB, fakeArmOptions, rejects, useFakeArm } from './provision-helpers.js';

/** Complete: every value the ARM request needs is given (workload identity, a customized key). */
const WI_SPEC = {
  connectionName: 'blob_wi',
  namespace: 'apps',
  target: { type: 'storage-blob', account: 'mystore', resourceGroup: 'data-rg', subscription: SUB },
  auth: { type: 'workload-identity', clientId: '00001111-aaaa-2222-bbbb-3333cccc4444', subscriptionId: SUB },
  clientType: 'python',
  customizedKeys: { AZURE_STORAGEBLOB_RESOURCEENDPOINT: 'BLOB_URL' },
  cluster: CLUSTER,
};
/** Two linkers (`kafka`, `kafka_schema`), each body with a secret. */
const CONFLUENT_SPEC = {
  connectionName: 'kafka',
  namespace: 'apps',
  target: {
    type: 'confluent-cloud', bootstrapServer: 'pkc.eastus.azure.confluent.cloud:9092', kafkaKey: 'KK', kafkaSecret: 'kafka-secret',
    schemaRegistry: 'https://psrc.eastus.azure.confluent.cloud', schemaKey: 'SK', schemaSecret: 'schema-secret',
  },
  cluster: CLUSTER,
};
const LINKER_PATH = `${CLUSTER_ID}/providers/Microsoft.ServiceLinker/linkers/blob_wi`;
/** The reads before every create: both providers in the cluster's subscription, then the cluster. */
const CHECKS = ['GET providers/Microsoft.KubernetesConfiguration', 'GET providers/Microsoft.ServiceLinker', 'GET cluster'];
/** The linker requests only (no checks, no operation polls). */
const linkerCalls = () => fake.calls().filter((c) => c.includes('/linkers/'));

let fake;
useFakeArm({ started: (f) => { fake = f; } });
const options = (extra) => fakeArmOptions(fake, extra);

test('provision: PUTs the plan body, follows Azure-AsyncOperation, returns the final linker', async () => {
  const credential = fakeCredential('token-123');
  const seen = [];
  const result = await provision(WI_SPEC, options({ credential, onStep: (s) => { if (s.action === 'create') seen.push(`${s.status}:${s.operationStatus}:${s.polls}`); } }));
  const expected = plan(WI_SPEC);

  // What went over the wire: the checks, the plan's request exactly, polling, the final GET, the configuration list.
  assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), [
    `GET /subscriptions/${SUB}/providers/Microsoft.KubernetesConfiguration`,
    `GET /subscriptions/${SUB}/providers/Microsoft.ServiceLinker`,
    `GET ${CLUSTER_ID}`,
    `PUT ${LINKER_PATH}`,
    `GET /subscriptions/${SUB}/providers/Microsoft.ServiceLinker/locations/eastus/operationStatuses/op-1`,
    `GET /subscriptions/${SUB}/providers/Microsoft.ServiceLinker/locations/eastus/operationStatuses/op-1`,
    `GET ${LINKER_PATH}`,
    `POST ${LINKER_PATH}/listConfigurations`,
  ]);
  const put = fake.requests[3];
  assert.equal(put.path, expected.requests[0].path);
  assert.deepEqual(put.body, expected.requests[0].body);
  assert.deepEqual(put.body.properties.configurationInfo, { customizedKeys: { AZURE_STORAGEBLOB_RESOURCEENDPOINT: 'BLOB_URL' } });
  assert.match(put.headers['content-type'], /^application\/json/);
  assert.match(put.headers['user-agent'], /aks-service-connector\/0\.1\.0/);
  // Each resource type at the api-version of the table; the linker's at the plan's.
  assert.deepEqual(fake.requests.map((r) => r.apiVersion), [
    '2024-11-01', '2024-11-01', '2025-07-01', ...Array(5).fill('2024-07-01-preview'),
  ]);
  for (const r of fake.requests) assert.equal(r.authorization, 'Bearer token-123', `${r.method} ${r.path}`);
  assert.ok(credential.scopes.length > 0);
  assert.deepEqual([...new Set(credential.scopes)], ['https://management.azure.com/.default']);

  // What the caller gets.
  assert.equal(result.linkers.length, 1);
  assert.equal(result.linkers[0].name, 'blob_wi');
  assert.equal(result.linkers[0].type, 'microsoft.servicelinker/linkers');
  assert.equal(result.linkers[0].properties.provisioningState, 'Succeeded');
  assert.equal(result.linkers[0].properties.scope, 'apps');
  assert.equal(result.plan.connectionName, 'blob_wi');
  assert.deepEqual(result.steps.map((s) => `${s.action} ${s.status}`), [
    'plan succeeded', 'providers succeeded', 'cluster succeeded', 'identity skipped', 'create succeeded', 'configurations succeeded',
  ]);
  assert.deepEqual(result.steps[4], {
    action: 'create', status: 'succeeded', message: 'create of linker blob_wi',
    linker: 'blob_wi', method: 'PUT', path: LINKER_PATH,
    url: `${ARM}${LINKER_PATH}?api-version=2024-07-01-preview`,
    httpStatus: 201, operationStatus: 'Succeeded',
    requestId: 'req-4', correlationId: 'corr-1', error: null, polls: 3, data: null,
  });
  // Each poll is reported: the initial answer, two polls of the operation, the final GET.
  assert.deepEqual(seen, ['running:null:0', 'running:Accepted:0', 'running:InProgress:1', 'running:Succeeded:2', 'running:Succeeded:3', 'succeeded:Succeeded:3']);

  // What the user needs next: the configuration names, the YAML to apply and its object names.
  assert.deepEqual(result.configurations, [{ linker: 'blob_wi', names: CONFIGURATIONS.map((c) => c.name) }]);
  assert.match(result.yaml, /kind: ServiceAccount[\s\S]*kind: Secret/);
  assert.deepEqual(result.objects.map((o) => o.kind), ['ServiceAccount', 'Secret', 'Job']);
  assert.ok(result.objects.every((o) => o.namespace === 'apps' && o.name));
  assert.equal(result.cluster.provisioningState, 'Succeeded');
  // The cluster's issuer reached the plan: the federated credential preview is exact.
  assert.equal(result.plan.federatedCredential.issuer, ISSUER);
  assert.equal(result.plan.federatedCredential.issuerKnown, true);
  assert.equal(result.dryRun, false);
});

test('provision: the api-version option reaches the plan and the wire (2022-05-01 body without configurationInfo)', async () => {
  const result = await provision(WI_SPEC, options({ apiVersion: '2022-05-01' }));
  const linkerRequests = fake.requests.filter((r) => /ServiceLinker\/(linkers|locations)\//.test(r.path));
  assert.deepEqual([...new Set(linkerRequests.map((r) => r.apiVersion))], ['2022-05-01']);
  const put = fake.requests.find((r) => r.method === 'PUT');
  assert.deepEqual(put.body, plan(WI_SPEC, { apiVersion: '2022-05-01' }).requests[0].body);
  assert.equal(put.body.properties.configurationInfo, undefined);
  // The field this api-version cannot carry is reported, not dropped silently.
  assert.ok(result.plan.findings.some((f) => f.code === 'SC033'));

  const e = await rejects(provision(WI_SPEC, options({ apiVersion: '2022-05-01', context: { apiVersion: '2024-07-01-preview' } })));
  assert.equal(e.code, 'invalid-input');
  assert.equal(e.field, 'options.apiVersion');
});

test('provision: a confluent-cloud connection PUTs both linkers in the plan order, secrets as given', async () => {
  const result = await provision(CONFLUENT_SPEC, options());
  const expected = plan(CONFLUENT_SPEC).requests;
  const puts = fake.requests.filter((r) => r.method === 'PUT');
  assert.deepEqual(puts.map((r) => r.path), expected.map((r) => r.path));
  assert.deepEqual(puts.map((r) => r.body), expected.map((r) => r.body));
  assert.equal(puts[1].body.properties.authInfo.secretInfo.value, 'schema-secret');
  assert.deepEqual(result.linkers.map((l) => l.name), ['kafka', 'kafka_schema']);
  assert.deepEqual(result.steps.filter((s) => s.action === 'create').map((s) => `${s.linker} ${s.status}`), ['kafka succeeded', 'kafka_schema succeeded']);
  // A non-Azure target: no target subscription to check.
  assert.deepEqual(result.providers.map((p) => p.namespace), ['Microsoft.KubernetesConfiguration', 'Microsoft.ServiceLinker']);
  // Steps carry no bodies, so no secret travels with them.
  assert.doesNotMatch(JSON.stringify(result.steps), /secret-|schema-secret/);
});

test('provision: a 200 answer to the PUT is final (no polling)', async () => {
  fake.behavior.syncPut = true;
  const result = await provision(WI_SPEC, options());
  assert.deepEqual(fake.calls(), [...CHECKS, 'PUT …/linkers/blob_wi', 'POST …/linkers/blob_wi/listConfigurations']);
  assert.equal(result.linkers[0].properties.provisioningState, 'Succeeded');
  assert.equal(result.steps.find((s) => s.action === 'create').httpStatus, 200);
});

test('provision: a failed async operation rejects with operation-failed and ARM\'s code and message', async () => {
  fake.behavior.outcome = 'Failed';
  const steps = [];
  const e = await rejects(provision(WI_SPEC, options({ onStep: (s) => steps.push(s) })));
  assert.equal(e.code, 'operation-failed');
  assert.equal(e.name, 'ProvisionError');
  assert.equal(e.armCode, 'ExtensionInstallFailed');
  assert.equal(e.armMessage, 'sc-extension could not be installed: the Helm release failed');
  assert.equal(e.status, 201);
  assert.match(e.message, /^create of linker blob_wi \(PUT \/subscriptions\/.*\): expected the operation to succeed, found Failed ExtensionInstallFailed: sc-extension could not be installed/);
  assert.equal(e.step.status, 'failed');
  assert.deepEqual(e.step.error, { code: 'ExtensionInstallFailed', message: 'sc-extension could not be installed: the Helm release failed' });
  assert.deepEqual(e.steps.map((s) => `${s.action} ${s.status}`), [
    'plan succeeded', 'providers succeeded', 'cluster succeeded', 'identity skipped', 'create failed', 'extension succeeded',
  ]);
  assert.deepEqual(e.steps[4], e.step);
  assert.equal(steps.find((s) => s.action === 'create' && s.status !== 'running').status, 'failed');
  // No final GET of a linker that does not exist; the extension is read for the diagnosis.
  assert.deepEqual(fake.calls(), [...CHECKS, 'PUT …/linkers/blob_wi', 'GET extension/sc-extension']);
  assert.deepEqual(e.extension, { installed: false, provisioningState: null, statuses: [], errorInfo: null });
  assert.ok(e.diagnosis, 'a failed create is diagnosed');

  fake.reset();
  fake.behavior.outcome = 'Canceled';
  const canceled = await rejects(provision(WI_SPEC, options()));
  assert.equal(canceled.code, 'operation-failed');
  assert.match(canceled.message, /found Canceled/);
});

test('provision: an ARM error on the PUT rejects with arm-error, its HTTP status, code and message', async () => {
  fake.behavior.putError = { status: 400, code: 'InvalidRequestContent', message: 'The target resource id is invalid.' };
  const e = await rejects(provision(CONFLUENT_SPEC, options()));
  assert.equal(e.code, 'arm-error');
  assert.equal(e.status, 400);
  assert.equal(e.armCode, 'InvalidRequestContent');
  assert.equal(e.armMessage, 'The target resource id is invalid.');
  assert.match(e.message, /^create of linker kafka \(PUT .*\): expected 200 or 201, found 400 InvalidRequestContent: The target resource id is invalid\.$/);
  assert.equal(e.step.httpStatus, 400);
  assert.equal(e.step.requestId, 'req-4');
  assert.ok(e.step.correlationId);
  // The second linker is not attempted after the first failed; a rejected PUT needs no extension read.
  assert.deepEqual(fake.calls(), [...CHECKS, 'PUT …/linkers/kafka']);

  fake.reset();
  fake.behavior.putError = { status: 403, code: 'AuthorizationFailed', message: "The client does not have authorization to perform action 'Microsoft.ServiceLinker/linkers/write'." };
  const denied = await rejects(provision(WI_SPEC, options()));
  assert.equal(denied.status, 403);
  assert.equal(denied.armCode, 'AuthorizationFailed');
});

test('provision: an already aborted signal sends nothing; an abort stops polling and cuts a request in flight', { timeout: 10000 }, async () => {
  const controller = new AbortController();
  controller.abort();
  const early = await rejects(provision(WI_SPEC, options({ signal: controller.signal })));
  assert.equal(early.code, 'aborted');
  assert.equal(early.name, 'AbortError');
  assert.equal(fake.requests.length, 0);
  assert.equal(early.diagnosis, null);

  fake.behavior.polls = Infinity;
  const late = new AbortController();
  const steps = [];
  const e = await rejects(provision(WI_SPEC, options({
    signal: late.signal,
    onStep: (s) => { if (s.action === 'create') steps.push(s.status); if (s.operationStatus === 'InProgress') late.abort(); },
  })));
  assert.equal(e.code, 'aborted');
  assert.match(e.message, /^aborted during create of linker blob_wi .*may still finish in Azure$/);
  assert.equal(e.step.status, 'aborted');
  assert.equal(steps.at(-1), 'aborted');
  const sent = fake.requests.length;
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(fake.requests.length, sent, 'no request after the abort');

  // A poll in flight (the fake never answers it) is cut, not waited for.
  fake.reset();
  fake.behavior.stall = true;
  const inFlight = new AbortController();
  const started = Date.now();
  const pending = rejects(provision(WI_SPEC, options({ signal: inFlight.signal })));
  while (!fake.requests.some((r) => r.path.includes('/operationStatuses/'))) await new Promise((resolve) => setTimeout(resolve, 5));
  inFlight.abort();
  const cut = await pending;
  assert.equal(cut.code, 'aborted');
  assert.ok(Date.now() - started < 5000, 'the abort did not wait for an answer');
});

test('an invalid spec, an incomplete request or bad options send nothing', async () => {
  const invalid = await rejects(provision({ ...WI_SPEC, namespace: 'Bad_NS' }, options()));
  assert.equal(invalid.code, 'invalid-spec');
  assert.equal(invalid.field, 'namespace');
  assert.deepEqual(invalid.steps.map((s) => `${s.action} ${s.status}`), ['plan failed']);
  assert.equal(invalid.diagnosis, null);
  assert.ok(invalid.findings.some((f) => f.code === 'SC003'));
  assert.match(invalid.message, /SC003 namespace: expected a DNS-1123 label/);

  const shape = await rejects(provision({ ...WI_SPEC, colour: 'blue' }, options()));
  assert.equal(shape.code, 'invalid-input');

  // No cluster: the path holds <cluster.…> placeholders.
  const { cluster, ...noCluster } = WI_SPEC;
  const incomplete = await rejects(provision(noCluster, options()));
  assert.equal(incomplete.code, 'incomplete-request');
  assert.deepEqual(incomplete.missing, ['cluster.subscription', 'cluster.resourceGroup', 'cluster.name']);
  assert.equal(incomplete.field, 'cluster.subscription');
  assert.match(incomplete.message, /^linker blob_wi: expected values for cluster\.subscription, cluster\.resourceGroup, cluster\.name, found placeholders/);
  for (const call of [validateConnection, listConfigurations, deleteConnection]) {
    assert.equal((await rejects(call(noCluster, options()))).code, 'incomplete-request', call.name);
  }

  // No client id: the body holds a placeholder; creating needs it, deleting does not.
  const noClientId = { ...WI_SPEC, auth: { type: 'workload-identity', subscriptionId: SUB } };
  const body = await rejects(provision(noClientId, options()));
  assert.equal(body.code, 'incomplete-request');
  assert.deepEqual(body.missing, ['auth.clientId']);

  const noCredential = await rejects(provision(WI_SPEC, { clientOptions: fakeClientOptions(fake) }));
  assert.equal(noCredential.code, 'invalid-input');
  assert.equal(noCredential.field, 'options.credential');
  const typo = await rejects(provision(WI_SPEC, options({ pollInterval: 5 })));
  assert.equal(typo.field, 'options.pollInterval');
  assert.match(typo.message, /^unknown option `pollInterval`; expected one of credential, context, apiVersion, signal, pollIntervalMs, timeouts, onStep, clientOptions, classifyWasm, dryRun$/);
  const dry = await rejects(validateConnection(WI_SPEC, options({ dryRun: true })));
  assert.equal(dry.field, 'options.dryRun', 'only provision and updateConnection have a dry run');
  const timeout = await rejects(provision(WI_SPEC, options({ timeouts: { cluster: 5 } })));
  assert.equal(timeout.field, 'options.timeouts.cluster');
  assert.match(timeout.message, /expected one of providerRegistrationMs, clusterReadyMs, operationMs$/);
  const badSignal = await rejects(provision(WI_SPEC, options({ signal: 'stop' })));
  assert.equal(badSignal.field, 'options.signal');
  // The plan's paths and bodies are for ARM and for the plan's api-version: the client cannot change them.
  const elsewhere = await rejects(provision(WI_SPEC, options({ clientOptions: { ...fakeClientOptions(fake), endpoint: 'https://management.chinacloudapi.cn' } })));
  assert.equal(elsewhere.field, 'options.clientOptions.endpoint');
  const version = await rejects(provision(WI_SPEC, options({ clientOptions: { ...fakeClientOptions(fake), apiVersion: '2025-07-01' } })));
  assert.equal(version.field, 'options.clientOptions.apiVersion');
  assert.match(version.message, /^expected clientOptions\.apiVersion to be left out or 2024-07-01-preview \(the plan's\), found 2025-07-01; set options\.apiVersion instead$/);
  assert.equal(fake.requests.length, 0);

  await deleteConnection(noClientId, options());
  assert.deepEqual(fake.calls(), ['DELETE …/linkers/blob_wi']);
});

test('validateConnection and listConfigurations POST to the linker and return ARM\'s answers', async () => {
  await provision(WI_SPEC, options());
  fake.requests.length = 0;

  const { validations, steps } = await validateConnection(WI_SPEC, options());
  assert.deepEqual(fake.calls(), ['POST …/linkers/blob_wi/validateLinker']);
  assert.equal(fake.requests[0].body, null);
  assert.ok(fake.requests.length >= 2, 'the Location URL was polled');
  assert.equal(validations.length, 1);
  assert.equal(validations[0].linkerName, 'blob_wi');
  assert.equal(validations[0].status, 'success');
  assert.equal(validations[0].authType, 'userAssignedIdentity');
  assert.equal(validations[0].validationDetail[0].result, 'success');
  assert.deepEqual(steps.map((s) => [s.action, s.method, s.status, s.httpStatus]), [['plan', null, 'succeeded', null], ['validate', 'POST', 'succeeded', 202]]);

  fake.requests.length = 0;
  const listed = await listConfigurations(WI_SPEC, options());
  assert.deepEqual(fake.calls(), ['POST …/linkers/blob_wi/listConfigurations']);
  assert.deepEqual(listed.configurations, [{ linker: 'blob_wi', configurations: CONFIGURATIONS }]);
  assert.equal(listed.steps[1].status, 'succeeded');

  // A linker that does not exist: ARM's 404.
  fake.reset();
  const missing = await rejects(listConfigurations(WI_SPEC, options()));
  assert.equal(missing.code, 'arm-error');
  assert.equal(missing.status, 404);
  assert.equal(missing.armCode, 'ResourceNotFound');
  assert.match(missing.message, /^configuration list of linker blob_wi \(POST .*\/listConfigurations\): expected 200, found 404 ResourceNotFound/);
  const unvalidated = await rejects(validateConnection(WI_SPEC, options()));
  assert.equal(unvalidated.code, 'arm-error');
  assert.equal(unvalidated.status, 404);
});

test('deleteConnection: DELETE, 202 + Location polled to 204; an absent linker answers 204 at once', async () => {
  await provision(CONFLUENT_SPEC, options());
  fake.requests.length = 0;
  const result = await deleteConnection(CONFLUENT_SPEC, options());
  assert.deepEqual(fake.calls(), ['DELETE …/linkers/kafka', 'DELETE …/linkers/kafka_schema']);
  assert.ok(fake.requests.some((r) => r.path.includes('/operationResults/')), 'the Location URL was polled');
  assert.equal(fake.linkers.size, 0);
  assert.deepEqual(result.steps.map((s) => `${s.action} ${s.linker} ${s.status} ${s.httpStatus}`), [
    'plan null succeeded null', 'delete kafka succeeded 202', 'delete kafka_schema succeeded 202',
  ]);
  // The Kubernetes objects stay: the plan says how to remove them.
  assert.ok(result.plan.cleanup.length > 0);

  const again = await deleteConnection(CONFLUENT_SPEC, options());
  assert.deepEqual(again.steps.map((s) => s.httpStatus), [null, 204, 204]);
});

test('a polling URL on another host is refused: the token goes to ARM only', async () => {
  fake.behavior.pollOrigin = 'https://attacker.example';
  const e = await rejects(provision(WI_SPEC, options()));
  assert.equal(e.code, 'unexpected-response');
  assert.match(e.message, /expected a URL on https:\/\/management\.azure\.com, found https:\/\/attacker\.example\//);
  assert.deepEqual(fake.calls(), [...CHECKS, 'PUT …/linkers/blob_wi']);
});

test('no answer (connection refused) rejects with request-failed and the SDK error as cause', async () => {
  const gone = await startFakeArm();
  await gone.close();
  const e = await rejects(provision(WI_SPEC, { credential: fakeCredential(), clientOptions: fakeClientOptions(gone) }));
  assert.equal(e.code, 'request-failed');
  assert.match(e.message, /^check registration of Microsoft\.KubernetesConfiguration and Microsoft\.ServiceLinker \(GET \/subscriptions\/.*\): expected an answer from ARM, found an error: /);
  assert.ok(e.cause instanceof Error);
  assert.equal(e.step.status, 'failed');
  assert.equal(e.step.action, 'providers');
});

test('a credential that fails, and an onStep that throws, are reported with their cause', async () => {
  const credential = { getToken: async () => { throw new Error('no az login session'); } };
  const e = await rejects(provision(WI_SPEC, options({ credential })));
  assert.equal(e.code, 'request-failed');
  assert.match(e.message, /no az login session/);
  assert.equal(fake.requests.length, 0);

  const thrown = await rejects(provision(WI_SPEC, options({ onStep: () => { throw new Error('ui gone'); } })));
  assert.equal(thrown.code, 'invalid-input');
  assert.equal(thrown.field, 'options.onStep');
  assert.equal(thrown.cause.message, 'ui gone');
  assert.deepEqual(thrown.steps.map((s) => s.status), ['failed']);
  assert.equal(fake.requests.length, 0);
  assert.ok(thrown instanceof ProvisionError);
});

test('the fake tolerates double slashes in paths, as ARM does', async () => {
  await provision(WI_SPEC, options());
  const status = await new Promise((resolve, reject) => {
    const { hostname, port } = new URL(fake.origin);
    httpRequest({ hostname, port, method: 'GET', path: `/${LINKER_PATH}?api-version=2024-07-01-preview`, headers: { authorization: 'Bearer t' } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    }).on('error', reject).end();
  });
  assert.equal(status, 200);
  assert.equal(fake.requests.at(-1).rawPath, `/${LINKER_PATH}`);
});
