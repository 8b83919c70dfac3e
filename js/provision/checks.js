// @ts-check
// The reads (and the one kind of write, a provider registration) before a connection is created:
// resource providers, the cluster, the workload identity. Each is one reported step.
import { API_VERSIONS, CLUSTER_BUSY_STATES, EXTENSION_NAME, PROVIDERS } from './api-versions.js';
import { ARM, expectStatus, getResource, parseId, send, withVersion } from './arm.js';
import { ProvisionError } from './errors.js';
import { begin, fail, finish, report, withDiagnosis } from './run.js';
import { deadline, sleep } from './wait.js';

/**
 * @typedef {import('./run.js').Run} Run
 * @typedef {import('./run.js').Step} Step
 * @typedef {import('./arm.js').Method} Method
 * @typedef {import('aks-service-connector').ConnectionSpec} ConnectionSpec
 * @typedef {import('../provision.js').ProviderState} ProviderState
 * @typedef {import('../provision.js').PlannedWrite} PlannedWrite
 * @typedef {import('../provision.js').ClusterFacts} ClusterFacts
 * @typedef {import('../provision.js').IdentityFacts} IdentityFacts
 * @typedef {import('../provision.js').ExtensionState} ExtensionState
 */

/**
 * What a step does, as its errors name it (its `message` changes while it waits).
 * @type {WeakMap<Step, string>}
 */
const SUBJECTS = new WeakMap();
/** @type {import('./arm.js').Describe} */
const describeStep = (step) => {
  const subject = SUBJECTS.get(step) ?? step.message;
  return step.method ? `${subject} (${step.method} ${step.path})` : subject;
};

/**
 * @param {Run} run
 * @param {Step['action']} action
 * @param {string} message
 * @returns {Step}
 */
function beginCheck(run, action, message) {
  const step = begin(run, action, message);
  SUBJECTS.set(step, message);
  return step;
}

/**
 * A step's error reads `<what the step does> (<method> <path>): …`; the path is the request's.
 * @param {Step} step
 * @param {Method} method
 * @param {string} path
 */
function atRequest(step, method, path) {
  step.method = method;
  step.path = path.split('?')[0];
  step.url = `${ARM}${path}`;
}

/**
 * Reads the registration of Microsoft.KubernetesConfiguration and Microsoft.ServiceLinker in the
 * cluster's subscription (and of Microsoft.ServiceLinker in the target's, when it differs),
 * registers those that are not (unless `dryRun`) and waits, bounded, until they are `Registered`.
 * Returns `[{ namespace, subscription, state, registeredNow }]` and the writes it sent or would send.
 */
/**
 * @typedef {{ namespace: ProviderState['namespace'], subscription: string, state?: string, registeredNow?: boolean }} Provider
 */

/**
 * @param {Run} run
 * @param {{ clusterSubscription: string, targetSubscription: string | null, dryRun: boolean }} where
 * @returns {Promise<{ providers: ProviderState[], writes: PlannedWrite[] }>}
 */
export async function checkProviders(run, { clusterSubscription, targetSubscription, dryRun }) {
  /** @type {Provider[]} */
  const wanted = [
    { namespace: PROVIDERS.kubernetesConfiguration, subscription: clusterSubscription },
    { namespace: PROVIDERS.serviceLinker, subscription: clusterSubscription },
  ];
  if (targetSubscription && targetSubscription.toLowerCase() !== clusterSubscription.toLowerCase()) {
    wanted.push({ namespace: PROVIDERS.serviceLinker, subscription: targetSubscription });
  }
  const step = beginCheck(run, 'providers', `check registration of ${[...new Set(wanted.map((p) => p.namespace))].join(' and ')}`);
  const version = API_VERSIONS.providers.apiVersion;
  /** @type {(p: Provider) => string} */
  const providerPath = (p) => `/subscriptions/${p.subscription}/providers/${p.namespace}`;
  /** @type {PlannedWrite[]} */
  const writes = [];
  const bound = deadline(run.timeouts.providerRegistrationMs, run.signal);
  run.bounds.set(step, bound);
  try {
    for (const p of wanted) {
      atRequest(step, 'GET', withVersion(providerPath(p), version));
      const body = await getResource(run, step, withVersion(providerPath(p), version), describeStep, bound.signal);
      p.state = body?.registrationState ?? 'Unknown';
    }
    const missing = wanted.filter((p) => p.state !== 'Registered');
    for (const p of missing) {
      const path = withVersion(`${providerPath(p)}/register`, version);
      writes.push({ method: 'POST', url: `${ARM}${path}`, body: null });
      if (dryRun) continue;
      atRequest(step, 'POST', path);
      const response = await send(run, step, 'POST', path, { signal: bound.signal });
      expectStatus(step, response, [200], describeStep);
      p.state = response.body?.registrationState ?? 'Registering';
      p.registeredNow = true;
    }
    step.data = { providers: wanted.map(providerFacts) };
    if (!dryRun) {
      // ARM registers asynchronously: Registering, then Registered.
      while (wanted.some((p) => p.state !== 'Registered')) {
        step.status = 'waiting';
        const waiting = wanted.filter((p) => p.state !== 'Registered');
        step.message = `waiting for ${waiting.map((p) => `${p.namespace} (${p.state}) in ${p.subscription}`).join(', ')} to be Registered`;
        report(run, step);
        await sleep(run.pollIntervalMs, bound.signal);
        for (const p of waiting) {
          atRequest(step, 'GET', withVersion(providerPath(p), version));
          const body = await getResource(run, step, withVersion(providerPath(p), version), describeStep, bound.signal);
          step.polls += 1;
          p.state = body?.registrationState ?? 'Unknown';
        }
        step.data = { providers: wanted.map(providerFacts) };
      }
    }
  } catch (e) {
    const error = fail(run, step, e, describeStep);
    if (error.code === 'timeout') {
      const late = wanted.filter((p) => p.state !== 'Registered');
      error.message = `resource providers: expected ${late.map((p) => p.namespace).join(', ')} to be Registered within ${bound.ms} ms, found ${late.map((p) => p.state).join(', ')}; registration may still finish in Azure`;
      const first = late[0];
      if (first) withDiagnosis(error, 'subscription_not_registered', { providerNamespace: first.namespace, subscription: first.subscription });
    }
    throw error;
  } finally {
    bound.dispose();
  }
  const registered = wanted.filter((p) => p.registeredNow).map((p) => `${p.namespace} in ${p.subscription}`);
  finish(run, step, 'succeeded', dryRun
    ? (writes.length ? `would register ${writes.length} resource provider(s)` : 'resource providers are registered')
    : (registered.length ? `registered ${registered.join(', ')}` : 'resource providers are registered'));
  return { providers: wanted.map(providerFacts), writes };
}

/**
 * @param {Provider} p
 * @returns {ProviderState}
 */
function providerFacts(p) {
  return { namespace: p.namespace, subscription: p.subscription, state: p.state ?? 'Unknown', registeredNow: Boolean(p.registeredNow) };
}

/**
 * Reads the cluster; while its provisioningState is a transitional one, waits (bounded) until it
 * is `Succeeded`. Any other state stops the run before anything is created. Never writes the
 * cluster: Service Connector enables workload identity, the OIDC issuer and the CSI add-on itself.
 */
/**
 * @param {Run} run
 * @param {string} clusterId
 * @param {{ dryRun: boolean }} options
 * @returns {Promise<ClusterFacts>}
 */
export async function checkCluster(run, clusterId, { dryRun }) {
  const cluster = parseId(clusterId);
  // The plan's cluster id always has this shape; a placeholder there stops the plan step first.
  if (!cluster) throw new ProvisionError('internal', `expected a managed cluster id, found ${clusterId}`);
  const step = beginCheck(run, 'cluster', `read cluster ${cluster.name}`);
  const path = withVersion(clusterId, API_VERSIONS.managedClusters.apiVersion);
  atRequest(step, 'GET', path);
  const bound = deadline(run.timeouts.clusterReadyMs, run.signal);
  run.bounds.set(step, bound);
  /** @type {ClusterFacts | undefined} */
  let facts;
  try {
    facts = clusterFacts(await getResource(run, step, path, describeStep, bound.signal));
    step.data = { ...facts };
    while (!dryRun && CLUSTER_BUSY_STATES.includes(facts.provisioningState)) {
      step.status = 'waiting';
      step.message = `cluster ${cluster.name} is ${facts.provisioningState}; waiting until it is Succeeded`;
      report(run, step);
      await sleep(run.pollIntervalMs, bound.signal);
      facts = clusterFacts(await getResource(run, step, path, describeStep, bound.signal));
      step.polls += 1;
      step.data = { ...facts };
    }
    if (!dryRun && (facts.provisioningState !== 'Succeeded' || facts.powerState === 'Stopped')) {
      const state = facts.powerState === 'Stopped' ? 'Stopped' : facts.provisioningState;
      throw withDiagnosis(new ProvisionError('cluster-not-ready',
        `${describeStep(step)}: expected provisioningState Succeeded and a running cluster, found ${state}; nothing was created`),
      'conflict_cluster_updating', { cluster: cluster.name, resourceGroup: cluster.resourceGroup });
    }
  } catch (e) {
    const error = fail(run, step, e, describeStep);
    if (error.code === 'timeout') {
      error.message = `${describeStep(step)}: expected provisioningState Succeeded within ${bound.ms} ms, found ${facts?.provisioningState}; nothing was created`;
      withDiagnosis(error, 'conflict_cluster_updating', { cluster: cluster.name, resourceGroup: cluster.resourceGroup });
    }
    throw error;
  } finally {
    bound.dispose();
  }
  // Set before the try ends, or it threw.
  const found = /** @type {ClusterFacts} */ (facts);
  finish(run, step, 'succeeded', `cluster ${cluster.name} is ${found.provisioningState}`);
  return found;
}

/**
 * What the plan context and the federated credential preview take from the cluster.
 * @param {any} body ARM's JSON of the managed cluster
 * @returns {ClusterFacts}
 */
function clusterFacts(body) {
  const p = body?.properties ?? {};
  return {
    provisioningState: p.provisioningState ?? 'Unknown',
    powerState: p.powerState?.code ?? null,
    location: body?.location ?? null,
    oidcIssuerEnabled: p.oidcIssuerProfile?.enabled ?? null,
    oidcIssuerUrl: p.oidcIssuerProfile?.issuerURL ?? null,
    workloadIdentityEnabled: p.securityProfile?.workloadIdentity?.enabled ?? null,
    keyvaultSecretsProviderEnabled: p.addonProfiles?.azureKeyvaultSecretsProvider?.enabled ?? null,
  };
}

/**
 * Workload identity: reads the user-assigned identity named by `auth.identityId` and returns the
 * spec with its client id (and tenant and subscription when absent) filled in; a given client id
 * that is not the identity's stops the run before anything is created. Skipped for other auth
 * types and when no identity id is given.
 */
/**
 * @param {Run} run
 * @param {ConnectionSpec} spec
 * @returns {Promise<{ spec: ConnectionSpec, identity: IdentityFacts | null }>}
 */
export async function checkIdentity(run, spec) {
  const auth = spec.auth;
  if (auth?.type !== 'workload-identity') return { spec, identity: null };
  const step = beginCheck(run, 'identity', 'resolve the workload identity');
  if (!auth.identityId) {
    finish(run, step, 'skipped', 'no auth.identityId given: the client id is used as given');
    return { spec, identity: null };
  }
  const id = parseId(auth.identityId);
  const path = withVersion(auth.identityId, API_VERSIONS.userAssignedIdentities.apiVersion);
  step.message = `read user-assigned identity ${id?.name ?? auth.identityId}`;
  SUBJECTS.set(step, step.message);
  atRequest(step, 'GET', path);
  /** @type {IdentityFacts | undefined} */
  let identity;
  try {
    const body = await getResource(run, step, path, describeStep);
    identity = {
      id: auth.identityId,
      name: id?.name ?? null,
      clientId: body?.properties?.clientId ?? null,
      tenantId: body?.properties?.tenantId ?? null,
      principalId: body?.properties?.principalId ?? null,
    };
    step.data = { ...identity };
    if (typeof identity.clientId !== 'string') {
      throw new ProvisionError('unexpected-response', `${describeStep(step)}: expected properties.clientId, found none`);
    }
    if (auth.clientId && auth.clientId.toLowerCase() !== identity.clientId.toLowerCase()) {
      throw withDiagnosis(new ProvisionError('identity-mismatch',
        `${describeStep(step)}: expected auth.clientId to be the identity's client id ${identity.clientId}, found ${auth.clientId}; nothing was created`,
        { field: 'auth.clientId' }),
      'wi_wrong_client_id', { clientId: auth.clientId, ...(identity.name ? { identity: identity.name } : {}) });
    }
  } catch (e) {
    throw fail(run, step, e, describeStep);
  }
  // Set before the try ends, or it threw.
  const resolved = /** @type {IdentityFacts} */ (identity);
  finish(run, step, 'succeeded', auth.clientId ? `identity ${resolved.name}: client id checked` : `identity ${resolved.name}: client id ${resolved.clientId}`);
  const filled = {
    ...auth,
    clientId: auth.clientId ?? resolved.clientId,
    ...(auth.subscriptionId || !id ? {} : { subscriptionId: id.subscription }),
  };
  return { spec: { ...spec, auth: filled }, identity: resolved };
}

/**
 * After a linker's operation failed: reads the sc-extension cluster extension, whose statuses say
 * what Helm and the extension agent reported. Resolves to its state, or null when it cannot be
 * read (its own failure must not hide the linker's).
 */
/**
 * @param {Run} run
 * @param {string} clusterId
 * @returns {Promise<ExtensionState | null>}
 */
export async function readExtension(run, clusterId) {
  const step = beginCheck(run, 'extension', `read the ${EXTENSION_NAME} extension statuses`);
  const path = withVersion(`${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/${EXTENSION_NAME}`, API_VERSIONS.extensions.apiVersion);
  atRequest(step, 'GET', path);
  try {
    const response = await send(run, step, 'GET', path);
    if (Number(response.status) === 404) {
      step.httpStatus = 404;
      finish(run, step, 'succeeded', `${EXTENSION_NAME} is not installed`);
      return { installed: false, provisioningState: null, statuses: [], errorInfo: null };
    }
    expectStatus(step, response, [200], describeStep);
    const p = response.body?.properties ?? {};
    /** @type {ExtensionState} */
    const extension = {
      installed: true,
      provisioningState: p.provisioningState ?? null,
      statuses: Array.isArray(p.statuses) ? p.statuses : [],
      errorInfo: p.errorInfo ?? null,
    };
    step.data = { ...extension };
    finish(run, step, 'succeeded', `${EXTENSION_NAME} is ${extension.provisioningState}`);
    return extension;
  } catch (e) {
    fail(run, step, e, describeStep);
    return null;
  }
}
