// @ts-check
// aks-service-connector/provision: the thin shell that carries a connection from design to
// working through the official Azure SDK for JavaScript, in Node and in browsers. The core decides
// what to send (`plan()` returns each linker's path and body); this module checks what must hold
// first (resource providers, the cluster, the workload identity), sends the plan's requests,
// follows their long-running operations, reports every step, and diagnoses a failure with the
// classifier. It never builds a linker body itself.
//
// Why @azure-rest/core-client + @azure/core-lro and not the @azure/arm-* packages: see
// ./README.md ("Choice of clients"); the api-versions of the other requests are in ./provision/api-versions.js.
import { render } from 'aks-service-connector';
import { parseId, propertiesOf } from './provision/arm.js';
import { checkCluster, checkIdentity, checkProviders, readExtension } from './provision/checks.js';
import { ProvisionError } from './provision/errors.js';
import { createLinker, linkerConfigurations, linkerOperation, listLinkers, updateLinker } from './provision/linkers.js';
import { DEFAULT_LINKER_API_VERSION, begin, conclude, connect, finish, planRun, report, startRun } from './provision/run.js';

export { ProvisionError, isProvisionError } from './provision/errors.js';
export { credentialFromGetToken } from './provision/credentials.js';
export { API_VERSIONS } from './provision/api-versions.js';
export { DEFAULT_TIMEOUTS } from './provision/run.js';

/**
 * The declarations of this entry (./provision.d.ts) type the implementation.
 * @typedef {import('./provision.js').ProvisionOptions} ProvisionOptions
 * @typedef {import('./provision.js').ProvisionWriteOptions} ProvisionWriteOptions
 * @typedef {import('./provision.js').ProvisionResult} ProvisionResult
 * @typedef {import('./provision.js').DryRunResult} DryRunResult
 * @typedef {import('./provision.js').UpdateResult} UpdateResult
 * @typedef {import('./provision.js').ValidationResult} ValidationResult
 * @typedef {import('./provision.js').ConfigurationsResult} ConfigurationsResult
 * @typedef {import('./provision.js').DeleteResult} DeleteResult
 * @typedef {import('./provision.js').ConnectionsResult} ConnectionsResult
 * @typedef {import('./provision.js').ClusterRef} ClusterRef
 * @typedef {import('./provision.js').ProviderState} ProviderState
 * @typedef {import('./provision.js').ProvisionStep} ProvisionStep
 * @typedef {import('./provision.js').ExtensionState} ExtensionState
 * @typedef {import('./provision/run.js').Run} Run
 * @typedef {import('./provision/arm.js').Method} Method
 * @typedef {import('aks-service-connector').ConnectionSpec} ConnectionSpec
 * @typedef {import('aks-service-connector').PlanContext} PlanContext
 * @typedef {import('aks-service-connector').Plan} Plan
 */

/** Fields of `auth` the workload-identity step fills from the identity, so they may be missing at first. */
const FILLED_BY_IDENTITY = ['auth.clientId', 'auth.subscriptionId'];

/**
 * Carries the connection from design to working: plans it, makes sure the resource providers are
 * registered, waits for a busy cluster, resolves the workload identity, creates each linker and
 * lists the configuration names it wrote. With `dryRun`, only reads are sent and the writes are
 * returned instead (secrets masked).
 * @param {ConnectionSpec} spec
 * @param {ProvisionWriteOptions} options
 * @returns {Promise<ProvisionResult | DryRunResult>}
 */
export async function provision(spec, options) {
  const run = startRun(options, ['dryRun']);
  const dryRun = run.opts.dryRun === true;
  /** @type {ExtensionState | null} */
  let extension = null;
  try {
    const identityFills = spec?.auth?.type === 'workload-identity' && spec.auth.identityId ? FILLED_BY_IDENTITY : [];
    const first = planStep(run, spec, run.context, 'body', identityFills);
    connect(run, first.apiVersion);
    // A complete plan (planStep checked it) has the cluster's id.
    const cluster = /** @type {{ subscription: string }} */ (parseId(first.clusterId));
    const targetSubscription = targetSubscriptionOf(first);
    const { providers, writes: registrations } = await checkProviders(run, { clusterSubscription: cluster.subscription, targetSubscription, dryRun });
    const clusterFacts = await checkCluster(run, first.clusterId, { dryRun });
    const { spec: resolved, identity } = await checkIdentity(run, spec);

    // The facts read so far make the plan exact: operations already done, the OIDC issuer of the
    // federated credential.
    const facts = {
      kubernetesConfigurationRegistered: registered(providers, 'Microsoft.KubernetesConfiguration'),
      serviceLinkerRegistered: registered(providers, 'Microsoft.ServiceLinker'),
      clusterProvisioningState: clusterFacts.provisioningState,
      ...(clusterFacts.oidcIssuerUrl ? { oidcIssuerUrl: clusterFacts.oidcIssuerUrl } : {}),
      ...(clusterFacts.oidcIssuerEnabled === null ? {} : { oidcIssuerEnabled: clusterFacts.oidcIssuerEnabled }),
      ...(clusterFacts.workloadIdentityEnabled === null ? {} : { workloadIdentityEnabled: clusterFacts.workloadIdentityEnabled }),
      ...(clusterFacts.keyvaultSecretsProviderEnabled === null ? {} : { keyvaultSecretsProviderEnabled: clusterFacts.keyvaultSecretsProviderEnabled }),
    };
    const planned = planRun(run, resolved, { ...run.context, ...facts }, 'body');
    const rendered = render(resolved);
    const objects = rendered.documents.map((d) => ({ kind: d.kind, name: d.name, namespace: d.namespace }));
    // Service Connector writes the Secret itself: the YAML shows it with its secret values masked.
    const common = { plan: planned, providers, cluster: clusterFacts, identity, yaml: run.redact.text(rendered.yaml), objects };

    if (dryRun) {
      const writes = [
        ...registrations,
        // A linker request is a PUT with a JSON object body.
        ...planned.requests.map((r) => /** @type {import('./provision.js').PlannedWrite} */ ({ method: r.method, url: r.url, body: r.maskedBody })),
      ];
      for (const request of planned.requests) {
        const step = begin(run, 'create', `create of linker ${request.linker}`, { linker: request.linker, method: /** @type {Method} */ (request.method), path: request.path, url: request.url });
        finish(run, step, 'skipped', `dry run: ${request.method} of linker ${request.linker} not sent`);
      }
      return { dryRun: true, ...common, writes: run.redact.data(writes), steps: copies(run) };
    }

    const linkers = [];
    for (const request of planned.requests) {
      try {
        linkers.push(await createLinker(run, request));
      } catch (e) {
        // The linker's operation failed in Azure: the extension's statuses say what Helm saw.
        if (e instanceof ProvisionError && e.code === 'operation-failed') extension = await readExtension(run, planned.clusterId);
        throw e;
      }
    }
    const configurations = [];
    for (const request of planned.requests) {
      const list = await linkerConfigurations(run, request, 'configurations');
      configurations.push({ linker: request.linker, names: list.map((c) => c.name) });
    }
    return { dryRun: false, ...common, linkers: run.redact.data(linkers), configurations, steps: copies(run) };
  } catch (e) {
    throw await conclude(run, e, { extension });
  }
}

/**
 * Updates each existing linker of the connection with the plan's properties (`PATCH`,
 * long-running). With `dryRun`, nothing is sent and the writes are returned.
 * @param {ConnectionSpec} spec
 * @param {ProvisionWriteOptions} options
 * @returns {Promise<UpdateResult>}
 */
export async function updateConnection(spec, options) {
  const run = startRun(options, ['dryRun']);
  try {
    const planned = planStep(run, spec, run.context, 'body');
    connect(run, planned.apiVersion);
    if (run.opts.dryRun === true) {
      /** @type {import('./provision.js').PlannedWrite[]} */
      const writes = planned.requests.map((r) => ({ method: 'PATCH', url: r.url, body: { properties: propertiesOf(r.maskedBody) } }));
      return { dryRun: true, plan: planned, writes: run.redact.data(writes), linkers: [], steps: copies(run) };
    }
    const linkers = [];
    for (const request of planned.requests) linkers.push(await updateLinker(run, request));
    return { dryRun: false, plan: planned, writes: [], linkers: run.redact.data(linkers), steps: copies(run) };
  } catch (e) {
    throw await conclude(run, e);
  }
}

/**
 * Asks Service Connector to validate each linker (`POST …/validateLinker`, long-running).
 * @param {ConnectionSpec} spec
 * @param {ProvisionOptions} options
 * @returns {Promise<ValidationResult>}
 */
export async function validateConnection(spec, options) {
  const run = startRun(options);
  try {
    const planned = planStep(run, spec, run.context, 'path');
    connect(run, planned.apiVersion);
    const validations = [];
    for (const request of planned.requests) {
      validations.push(await linkerOperation(run, request, {
        action: 'validate', method: 'POST', path: `${request.path}/validateLinker`,
        expected: [200, 202], resourceLocationConfig: 'location',
      }));
    }
    return { plan: planned, validations: run.redact.data(validations), steps: copies(run) };
  } catch (e) {
    throw await conclude(run, e);
  }
}

/**
 * Lists the configuration names (and non-secret values) each linker writes (`POST …/listConfigurations`).
 * On AKS, credential values come back as empty strings.
 * @param {ConnectionSpec} spec
 * @param {ProvisionOptions} options
 * @returns {Promise<ConfigurationsResult>}
 */
export async function listConfigurations(spec, options) {
  const run = startRun(options);
  try {
    const planned = planStep(run, spec, run.context, 'path');
    connect(run, planned.apiVersion);
    const configurations = [];
    for (const request of planned.requests) {
      configurations.push({ linker: request.linker, configurations: await linkerConfigurations(run, request) });
    }
    return { plan: planned, configurations: run.redact.data(configurations), steps: copies(run) };
  } catch (e) {
    throw await conclude(run, e);
  }
}

/**
 * Deletes each linker of the connection (`DELETE`, long-running). Kubernetes objects stay in the
 * cluster: the plan's `cleanup` lists the commands that remove them.
 * @param {ConnectionSpec} spec
 * @param {ProvisionOptions} options
 * @returns {Promise<DeleteResult>}
 */
export async function deleteConnection(spec, options) {
  const run = startRun(options);
  try {
    const planned = planStep(run, spec, run.context, 'path');
    connect(run, planned.apiVersion);
    for (const request of planned.requests) {
      await linkerOperation(run, request, {
        action: 'delete', method: 'DELETE', path: request.path,
        expected: [200, 202, 204], resourceLocationConfig: 'location',
      });
    }
    return { plan: planned, steps: copies(run) };
  } catch (e) {
    throw await conclude(run, e);
  }
}

/**
 * The connections (linker resources) of a cluster: `cluster` is `{ subscription, resourceGroup,
 * name }` or the cluster's ARM id. Uses `options.apiVersion`, or the plan's default.
 * @param {ClusterRef} cluster
 * @param {ProvisionOptions} options
 * @returns {Promise<ConnectionsResult>}
 */
export async function listConnections(cluster, options) {
  const run = startRun(options);
  try {
    const clusterId = clusterIdOf(cluster);
    run.clusterId = clusterId;
    const apiVersion = run.context?.apiVersion ?? DEFAULT_LINKER_API_VERSION;
    connect(run, apiVersion);
    const connections = await listLinkers(run, clusterId, apiVersion);
    return { clusterId, connections: run.redact.data(connections), steps: copies(run) };
  } catch (e) {
    throw await conclude(run, e);
  }
}

// ---- helpers -----------------------------------------------------------------------------------

/**
 * The plan as a reported step (policy errors stop the run here, before any request).
 * @param {Run} run
 * @param {ConnectionSpec} spec
 * @param {PlanContext | null} context
 * @param {'path' | 'body'} needs
 * @param {string[]} [fillLater]
 * @returns {Plan}
 */
function planStep(run, spec, context, needs, fillLater = []) {
  const step = begin(run, 'plan', 'plan the connection');
  try {
    const planned = planRun(run, spec, context, needs, fillLater);
    step.data = { apiVersion: planned.apiVersion, linkers: planned.requests.map((r) => r.linker), findings: planned.findings.length };
    finish(run, step, 'succeeded', `planned ${planned.requests.length} linker(s) at api-version ${planned.apiVersion}`);
    return planned;
  } catch (e) {
    step.status = 'failed';
    if (e instanceof ProvisionError) e.step ??= step;
    try {
      report(run, step);
    } catch {
      // The plan failed already; the callback's own error must not hide why.
    }
    throw e;
  }
}

/**
 * @param {unknown} cluster a `ClusterRef`, checked here
 * @returns {string}
 */
function clusterIdOf(cluster) {
  if (typeof cluster === 'string') {
    const id = parseId(cluster);
    if (!id || !/\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i.test(cluster)) {
      throw new ProvisionError('invalid-input', `expected a managed cluster id /subscriptions/…/resourceGroups/…/providers/Microsoft.ContainerService/managedClusters/…, found ${cluster}`, { field: 'cluster' });
    }
    return cluster;
  }
  /** @type {Record<string, unknown> | null} */
  const parts = cluster !== null && typeof cluster === 'object' ? /** @type {Record<string, unknown>} */ (cluster) : null;
  for (const key of ['subscription', 'resourceGroup', 'name']) {
    const value = parts?.[key];
    if (typeof value !== 'string' || !/^[^/?#<>\s]+$/.test(value)) {
      throw new ProvisionError('invalid-input', `expected cluster.${key} to be a name without '/', found ${value === undefined ? 'nothing' : JSON.stringify(value)}`, { field: `cluster.${key}` });
    }
  }
  const { subscription, resourceGroup, name } = /** @type {{ subscription: string, resourceGroup: string, name: string }} */ (parts);
  return `/subscriptions/${subscription}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`;
}

/**
 * The target's subscription, from the planned body's target id (none for non-Azure targets).
 * @param {Plan} planned
 * @returns {string | null}
 */
function targetSubscriptionOf(planned) {
  const body = /** @type {any} */ (planned.requests[0]?.body);
  const id = body?.properties?.targetService?.id;
  const m = /^\/subscriptions\/([^/<>]+)\//i.exec(typeof id === 'string' ? id : '');
  return m?.[1] ?? null;
}

/**
 * @param {ProviderState[]} providers
 * @param {ProviderState['namespace']} namespace
 */
function registered(providers, namespace) {
  return providers.filter((p) => p.namespace === namespace).every((p) => p.state === 'Registered');
}

/**
 * @param {Run} run
 * @returns {ProvisionStep[]}
 */
function copies(run) {
  return run.steps.map((s) => run.redact.data(s));
}

