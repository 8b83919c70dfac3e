// A fake Azure Resource Manager for the provisioning shell's tests: Node http on 127.0.0.1 (port 0)
// answering, with ARM's shapes, what the shell calls: resource providers (register is asynchronous:
// Registering, then Registered), managed clusters (one can be Updating for N reads), user-assigned
// identities, the sc-extension cluster extension (statuses), and Microsoft.ServiceLinker linkers
// with their long-running operations. It records every request so tests can assert the method,
// path, api-version, Authorization header and the exact body sent, and counts the writes.
//
// The SDK keeps its real https://management.azure.com URLs; `redirectPolicy(fake)` (a perRetry
// pipeline policy) sends them here, which is why polling URLs in headers are absolute https ones.
import { createServer } from 'node:http';

export const ARM = 'https://management.azure.com';

const CLUSTER = '/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.ContainerService/managedClusters/[^/]+';
const LINKER = new RegExp(`^(${CLUSTER})/providers/Microsoft\\.ServiceLinker/linkers/([^/]+)(?:/(validateLinker|listConfigurations))?$`, 'i');
const LINKERS = new RegExp(`^(${CLUSTER})/providers/Microsoft\\.ServiceLinker/linkers$`, 'i');
const CLUSTER_ONLY = new RegExp(`^(${CLUSTER})$`, 'i');
const EXTENSION = new RegExp(`^(${CLUSTER})/providers/Microsoft\\.KubernetesConfiguration/extensions/([^/]+)$`, 'i');
const PROVIDER = /^\/subscriptions\/([^/]+)\/providers\/([^/]+)(\/register)?$/i;
const IDENTITY = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i;
const OPERATION = /^\/subscriptions\/[^/]+\/providers\/Microsoft\.ServiceLinker\/locations\/[^/]+\/(operationStatuses|operationResults)\/([^/]+)$/i;

/** The issuer URL of every fake cluster (the shape AKS gives, with a trailing '/'). */
export const ISSUER = 'https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-2222-3333-4444-555555555555/';

/**
 * What the fake answers; tests change these between calls (`fake.behavior.x = …`).
 * - `polls`: how many times an operation answers "still running" before its outcome (Infinity: never ends)
 * - `outcome`: terminal status of a PUT's async operation: `Succeeded`, `Failed` or `Canceled`
 * - `outcomeError`: the `error` of a failed operation
 * - `putError`: `{ status, code, message, linker? }`: the PUT (of that linker only, when named) is rejected with this ARM error
 * - `syncPut`: the PUT answers 200 with the finished resource (no async operation)
 * - `pollOrigin`: the origin of the polling URLs the fake hands out (ARM's own, unless a test says otherwise)
 * - `stall`: operation polls get no answer (until `reset` or `close`), to abort a request in flight
 * - `registeringReads`: GETs of a provider that still answer `Registering` after its register call
 * - `clusterBusyReads`: how many cluster reads answer `Updating` (Infinity: it stays Updating)
 * - `clusterState`: the cluster's provisioningState after those reads
 * - `clusterMissing`: cluster GETs answer 404
 * - `extension`: the sc-extension resource's properties, or null (404: not installed)
 * - `throttle`: `{ count, retryAfter, status? }`: the next `count` requests answer 429 (or `status`, e.g. 503) with that Retry-After
 * - `drop`: the next `drop` requests get their connection closed without an answer
 * - `pageSize`: linkers per page of the linker list (a nextLink for the rest)
 */
export const DEFAULT_BEHAVIOR = Object.freeze({
  polls: 1,
  outcome: 'Succeeded',
  outcomeError: { code: 'ExtensionInstallFailed', message: 'sc-extension could not be installed: the Helm release failed' },
  putError: null,
  syncPut: false,
  pollOrigin: ARM,
  stall: false,
  registeringReads: 1,
  clusterState: 'Succeeded',
  clusterBusyReads: 0,
  clusterMissing: false,
  extension: null,
  throttle: null,
  drop: 0,
  pageSize: 50,
});

export const CONFIGURATIONS = [
  { name: 'AZURE_STORAGEBLOB_RESOURCEENDPOINT', value: 'https://mystore.blob.core.windows.net/', configType: 'Default', keyVaultReferenceIdentity: null, description: null },
  { name: 'AZURE_STORAGEBLOB_CLIENTID', value: '', configType: 'Default', keyVaultReferenceIdentity: null, description: null },
];

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeArm() {
  const fake = {
    /** Every request in arrival order: `{ method, rawPath, path, apiVersion, authorization, headers, body }`. */
    requests: [],
    /** Linkers by lower-cased name. */
    linkers: new Map(),
    /** Registration state by `<subscription>/<namespace>` (lower-cased); absent means Registered. */
    providers: new Map(),
    /** User-assigned identities by lower-cased id: `{ clientId, tenantId, principalId }`. */
    identities: new Map(),
    behavior: { ...DEFAULT_BEHAVIOR },
    origin: '',
    /** The requests whose path is not an operation poll (what the shell asked for, minus polling), shortened. */
    calls() {
      return fake.requests.filter((r) => !OPERATION.test(r.path)).map((r) => `${r.method} ${short(r.path)}`);
    },
    /** The requests that change something in Azure (PUT, PATCH, DELETE, a POST other than a read). */
    writes() {
      return fake.requests.filter((r) => r.method !== 'GET' && !/\/listConfigurations$/i.test(r.path));
    },
    /** Marks a provider as not registered in a subscription. */
    unregister(subscription, namespace) {
      fake.providers.set(`${subscription}/${namespace}`.toLowerCase(), { state: 'NotRegistered', reads: 0 });
    },
    reset() {
      for (const res of stalled) res.destroy();
      stalled.clear();
      fake.requests.length = 0;
      fake.linkers.clear();
      fake.providers.clear();
      fake.identities.clear();
      fake.behavior = { ...DEFAULT_BEHAVIOR };
      clusterReads = 0;
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
  const stalled = new Set();
  const operations = new Map();
  let nextId = 1;
  let clusterReads = 0;

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const text = Buffer.concat(chunks).toString('utf8');
    // Not `new URL(req.url, base)`: it reads `//subscriptions/…` as a host. Real ARM tolerates that
    // double slash (classic clients build it); so does the fake.
    const [rawPath, query = ''] = req.url.split('?');
    const url = { pathname: rawPath, searchParams: new URLSearchParams(query) };
    const path = rawPath.replace(/\/{2,}/g, '/');
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Expose-Headers': 'Azure-AsyncOperation, Location, Retry-After, x-ms-request-id, x-ms-correlation-request-id',
    };
    const send = (status, body, headers = {}) => {
      const out = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, {
        ...cors,
        'x-ms-request-id': `req-${fake.requests.length}`,
        'x-ms-correlation-request-id': 'corr-1',
        ...(out ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
        ...headers,
      });
      res.end(out);
    };
    const armError = (status, code, message, headers) => send(status, { error: { code, message } }, headers);

    if (req.method === 'OPTIONS') {
      // CORS preflight of a browser client: the SDK sends Authorization and x-ms-* headers.
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, PATCH',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }

    let body = null;
    if (text) {
      try { body = JSON.parse(text); } catch { body = text; }
    }
    fake.requests.push({
      method: req.method,
      rawPath: url.pathname,
      path,
      apiVersion: url.searchParams.get('api-version'),
      authorization: req.headers.authorization ?? null,
      headers: req.headers,
      body,
    });
    if (fake.behavior.drop > 0) {
      fake.behavior.drop -= 1;
      req.socket.destroy();
      return;
    }
    if (fake.behavior.throttle?.count > 0) {
      fake.behavior.throttle.count -= 1;
      const status = fake.behavior.throttle.status ?? 429;
      return armError(status, status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', status === 429 ? 'The request is being throttled.' : 'The service is unavailable.', { 'Retry-After': fake.behavior.throttle.retryAfter ?? '0' });
    }
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
      return armError(401, 'AuthenticationFailed', 'Authentication failed. The Authorization header is missing.');
    }
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) return armError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");

    const op = OPERATION.exec(path);
    if (op) {
      const operation = operations.get(op[2]);
      if (!operation || req.method !== 'GET') return armError(404, 'OperationNotFound', `operation ${op[2]} not found`);
      if (fake.behavior.stall) {
        stalled.add(res);
        return;
      }
      if (operation.polled < fake.behavior.polls) {
        operation.polled += 1;
        if (operation.kind === 'status') return send(200, { id: path, name: op[2], status: 'InProgress' }, { 'Retry-After': '0' });
        return send(202, undefined, { Location: operation.url, 'Retry-After': '0' });
      }
      return operation.finish(send);
    }

    const provider = PROVIDER.exec(path);
    if (provider) {
      const [, subscription, namespace, register] = provider;
      const key = `${subscription}/${namespace}`.toLowerCase();
      const entry = fake.providers.get(key) ?? { state: 'Registered', reads: 0 };
      if (register && req.method === 'POST') {
        if (entry.state !== 'Registered') fake.providers.set(key, { state: 'Registering', reads: 0 });
      } else if (!register && req.method === 'GET') {
        if (entry.state === 'Registering') {
          entry.reads += 1;
          if (entry.reads > fake.behavior.registeringReads) entry.state = 'Registered';
          fake.providers.set(key, entry);
        }
      } else {
        return armError(405, 'MethodNotAllowed', `the fake ARM does not answer ${req.method} ${path}`);
      }
      const state = (fake.providers.get(key) ?? entry).state;
      return send(200, { id: `/subscriptions/${subscription}/providers/${namespace}`, namespace, registrationState: state, registrationPolicy: 'RegistrationRequired', resourceTypes: [] });
    }

    if (CLUSTER_ONLY.test(path) && req.method === 'GET') {
      if (fake.behavior.clusterMissing) {
        return armError(404, 'ResourceNotFound', `The Resource 'Microsoft.ContainerService/managedClusters/${path.split('/').pop()}' under resource group '${path.split('/')[4]}' was not found.`);
      }
      clusterReads += 1;
      const state = clusterReads <= fake.behavior.clusterBusyReads ? 'Updating' : fake.behavior.clusterState;
      return send(200, {
        id: path, name: path.split('/').pop(), location: 'eastus', type: 'Microsoft.ContainerService/ManagedClusters',
        properties: {
          provisioningState: state,
          powerState: { code: 'Running' },
          oidcIssuerProfile: { enabled: true, issuerURL: ISSUER },
          securityProfile: { workloadIdentity: { enabled: true } },
          addonProfiles: { azureKeyvaultSecretsProvider: { enabled: false } },
        },
      });
    }

    if (IDENTITY.test(path) && req.method === 'GET') {
      const identity = fake.identities.get(path.toLowerCase());
      if (!identity) return armError(404, 'ResourceNotFound', `The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/${path.split('/').pop()}' under resource group '${path.split('/')[4]}' was not found.`);
      return send(200, { id: path, name: path.split('/').pop(), location: 'eastus', type: 'Microsoft.ManagedIdentity/userAssignedIdentities', properties: { ...identity, isolationScope: 'None' } });
    }

    const extension = EXTENSION.exec(path);
    if (extension && req.method === 'GET') {
      if (!fake.behavior.extension) return armError(404, 'ResourceNotFound', `extension ${extension[2]} not found`);
      return send(200, { id: path, name: extension[2], type: 'Microsoft.KubernetesConfiguration/extensions', properties: fake.behavior.extension });
    }

    const list = LINKERS.exec(path);
    if (list && req.method === 'GET') {
      const all = [...fake.linkers.values()].filter((l) => l.id.toLowerCase().startsWith(`${list[1].toLowerCase()}/`));
      const skip = Number(url.searchParams.get('$skipToken') ?? 0);
      const page = all.slice(skip, skip + fake.behavior.pageSize);
      const rest = skip + fake.behavior.pageSize < all.length;
      return send(200, { value: page, ...(rest ? { nextLink: `${ARM}${path}?api-version=${apiVersion}&$skipToken=${skip + fake.behavior.pageSize}` } : {}) });
    }

    const m = LINKER.exec(path);
    if (!m) return armError(404, 'InvalidResourceType', `the fake ARM has no route for ${req.method} ${path}`);
    const [, , name, action] = m;
    const subscription = path.split('/')[2];
    const key = name.toLowerCase();
    const resourceId = path.replace(/\/(validateLinker|listConfigurations)$/i, '');
    const startOperation = (kind, finish) => {
      const id = `op-${nextId++}`;
      const opUrl = `${fake.behavior.pollOrigin}/subscriptions/${subscription}/providers/Microsoft.ServiceLinker/locations/eastus/${kind === 'status' ? 'operationStatuses' : 'operationResults'}/${id}?api-version=${apiVersion}`;
      operations.set(id, { kind, polled: 0, url: opUrl, finish });
      return opUrl;
    };
    const asyncWrite = (properties, status) => {
      const resource = (state) => ({
        id: resourceId,
        name,
        type: 'microsoft.servicelinker/linkers',
        properties: { ...properties, provisioningState: state },
        systemData: { createdBy: 'fake', createdAt: '2026-11-30T00:00:00Z' },
      });
      if (fake.behavior.syncPut) {
        fake.linkers.set(key, resource('Succeeded'));
        return send(200, resource('Succeeded'));
      }
      const outcome = fake.behavior.outcome;
      const outcomeError = fake.behavior.outcomeError;
      const opUrl = startOperation('status', (reply) => {
        if (outcome === 'Succeeded') {
          fake.linkers.set(key, resource('Succeeded'));
          return reply(200, { id: opUrl, status: 'Succeeded', startTime: '2026-11-30T00:00:00Z', endTime: '2026-11-30T00:01:00Z' });
        }
        return reply(200, { id: opUrl, status: outcome, error: outcomeError });
      });
      return send(status, resource('Accepted'), { 'Azure-AsyncOperation': opUrl, 'Retry-After': '0' });
    };

    if (!action && (req.method === 'PUT' || req.method === 'PATCH')) {
      if (fake.behavior.putError && [undefined, name].includes(fake.behavior.putError.linker)) {
        const { status, code, message } = fake.behavior.putError;
        return armError(status, code, message);
      }
      if (!body || typeof body !== 'object' || typeof body.properties !== 'object') {
        return armError(400, 'InvalidRequestContent', 'expected a body with properties');
      }
      if (req.method === 'PATCH') {
        const existing = fake.linkers.get(key);
        if (!existing) return armError(404, 'ResourceNotFound', `linker ${name} not found`);
        const { provisioningState, ...kept } = existing.properties;
        return asyncWrite({ ...kept, ...body.properties }, 200);
      }
      return asyncWrite(body.properties, 201);
    }
    if (!action && req.method === 'GET') {
      const linker = fake.linkers.get(key);
      return linker ? send(200, linker) : armError(404, 'ResourceNotFound', `linker ${name} not found`);
    }
    if (!action && req.method === 'DELETE') {
      if (!fake.linkers.has(key)) return send(204);
      const opUrl = startOperation('result', (reply) => {
        fake.linkers.delete(key);
        return reply(204);
      });
      return send(202, undefined, { Location: opUrl, 'Retry-After': '0' });
    }
    if (action === 'validateLinker' && req.method === 'POST') {
      const linker = fake.linkers.get(key);
      if (!linker) return armError(404, 'ResourceNotFound', `linker ${name} not found`);
      // final-state-via: location — the last poll of the Location URL answers with the result.
      const opUrl = startOperation('result', (reply) => reply(200, {
        linkerName: name,
        isConnectionAvailable: true,
        status: 'success',
        sourceId: resourceId.replace(/\/providers\/Microsoft\.ServiceLinker\/.*$/i, ''),
        targetId: linker.properties.targetService?.id ?? null,
        authType: linker.properties.authInfo?.authType ?? null,
        reportStartTimeUtc: '2026-11-30T00:00:00Z',
        reportEndTimeUtc: '2026-11-30T00:00:01Z',
        validationDetail: [{ name: 'TargetExistence', description: 'The target existence is validated', result: 'success' }],
      }));
      return send(202, undefined, { Location: opUrl, 'Retry-After': '0' });
    }
    if (action === 'listConfigurations' && req.method === 'POST') {
      if (!fake.linkers.has(key)) return armError(404, 'ResourceNotFound', `linker ${name} not found`);
      return send(200, { configurations: CONFIGURATIONS });
    }
    return armError(405, 'MethodNotAllowed', `the fake ARM does not answer ${req.method} ${path}`);
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.origin = `http://127.0.0.1:${server.address().port}`;
  return fake;
}

/** A path shortened for `calls()`: `…/linkers/x`, `cluster`, `providers/<ns>`, `identity/<name>`, `extension/<name>`. */
function short(path) {
  return path
    .replace(/^.*\/linkers\//, '…/linkers/')
    .replace(/^.*\/providers\/Microsoft\.ServiceLinker\/linkers$/i, '…/linkers')
    .replace(/^.*\/extensions\//i, 'extension/')
    .replace(/^.*\/userAssignedIdentities\//i, 'identity/')
    .replace(new RegExp(`^${CLUSTER}$`, 'i'), 'cluster')
    .replace(/^\/subscriptions\/([^/]+)\/providers\/([^/]+)/, (_, s, ns) => `providers/${ns}${s.startsWith('00000000') ? '' : `@${s.slice(0, 4)}`}`);
}

/**
 * A perRetry pipeline policy that sends https://management.azure.com requests to the fake.
 * It runs after the bearer-token policy (which refuses non-https URLs) and restores the URL
 * afterwards, because the LRO poller reuses the request's URL for its final GET.
 */
export function redirectPolicy(fake) {
  return {
    name: 'redirectToFakeArm',
    async sendRequest(request, next) {
      const url = request.url;
      const insecure = request.allowInsecureConnection;
      const parsed = new URL(url);
      if (parsed.origin === ARM) {
        request.url = fake.origin + parsed.pathname + parsed.search;
        request.allowInsecureConnection = true;
      }
      try {
        return await next(request);
      } finally {
        request.url = url;
        request.allowInsecureConnection = insecure;
      }
    },
  };
}

/**
 * The client options that reach the fake: pass them as `clientOptions`. No retries by default (a
 * test that sees a retry would hide a wrong request); `retries` turns the SDK's policy on with
 * short delays.
 */
export function fakeClientOptions(fake, { retries = 0 } = {}) {
  return {
    additionalPolicies: [{ policy: redirectPolicy(fake), position: 'perRetry' }],
    retryOptions: { maxRetries: retries, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
  };
}

/** A TokenCredential that hands out a fixed token and counts its calls. */
export function fakeCredential(token = 'fake-token') {
  const credential = {
    scopes: [],
    async getToken(scopes) {
      credential.scopes.push(...[scopes].flat());
      return { token, expiresOnTimestamp: Date.now() + 3600_000 };
    },
  };
  return credential;
}
