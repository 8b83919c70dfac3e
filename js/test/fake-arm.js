// A fake Azure Resource Manager for the provisioning shell's tests: Node http on 127.0.0.1 (port 0),
// the Microsoft.ServiceLinker linker routes the shell calls, with ARM's long-running-operation
// shapes (toolchain.md §7, service-connector-aks.md §7.4). It records every request so tests can
// assert the method, path, api-version, Authorization header and the exact body sent.
//
// The SDK keeps its real https://management.azure.com URLs; `redirectPolicy(fake)` (a perRetry
// pipeline policy) sends them here, which is why polling URLs in headers are absolute https ones.
import { createServer } from 'node:http';

export const ARM = 'https://management.azure.com';

const LINKER = /^\/subscriptions\/([^/]+)\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+\/providers\/Microsoft\.ServiceLinker\/linkers\/([^/]+)(?:\/(validateLinker|listConfigurations))?$/i;
const OPERATION = /^\/subscriptions\/[^/]+\/providers\/Microsoft\.ServiceLinker\/locations\/[^/]+\/(operationStatuses|operationResults)\/([^/]+)$/i;

/**
 * What the fake answers; tests change these between calls (`fake.behavior.x = …`).
 * - `polls`: how many times an operation answers "still running" before its outcome (Infinity: never ends)
 * - `outcome`: terminal status of a PUT's async operation: `Succeeded`, `Failed` or `Canceled`
 * - `outcomeError`: the `error` of a failed operation
 * - `putError`: `{ status, code, message, linker? }`: the PUT (of that linker only, when named) is rejected with this ARM error
 * - `syncPut`: the PUT answers 200 with the finished resource (no async operation)
 * - `pollOrigin`: the origin of the polling URLs the fake hands out (ARM's own, unless a test says otherwise)
 * - `stall`: operation polls get no answer (until `reset` or `close`), to abort a request in flight
 */
export const DEFAULT_BEHAVIOR = Object.freeze({
  polls: 1,
  outcome: 'Succeeded',
  outcomeError: { code: 'ExtensionInstallFailed', message: 'sc-extension could not be installed: the Helm release failed' },
  putError: null,
  syncPut: false,
  pollOrigin: ARM,
  stall: false,
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
    behavior: { ...DEFAULT_BEHAVIOR },
    origin: '',
    /** The requests whose path is not an operation poll (what the shell asked for, minus polling). */
    calls() {
      return fake.requests.filter((r) => !OPERATION.test(r.path)).map((r) => `${r.method} ${r.path.replace(/^.*\/linkers\//, '…/linkers/')}`);
    },
    reset() {
      for (const res of stalled) res.destroy();
      stalled.clear();
      fake.requests.length = 0;
      fake.linkers.clear();
      fake.behavior = { ...DEFAULT_BEHAVIOR };
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
  const stalled = new Set();
  const operations = new Map();
  let nextId = 1;

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
    const armError = (status, code, message) => send(status, { error: { code, message } });

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

    const m = LINKER.exec(path);
    if (!m) return armError(404, 'InvalidResourceType', `the fake ARM has no route for ${req.method} ${path}`);
    const [, subscription, name, action] = m;
    const key = name.toLowerCase();
    const resourceId = path.replace(/\/(validateLinker|listConfigurations)$/i, '');
    const startOperation = (kind, finish) => {
      const id = `op-${nextId++}`;
      const opUrl = `${fake.behavior.pollOrigin}/subscriptions/${subscription}/providers/Microsoft.ServiceLinker/locations/eastus/${kind === 'status' ? 'operationStatuses' : 'operationResults'}/${id}?api-version=${apiVersion}`;
      operations.set(id, { kind, polled: 0, url: opUrl, finish });
      return opUrl;
    };

    if (!action && req.method === 'PUT') {
      if (fake.behavior.putError && [undefined, name].includes(fake.behavior.putError.linker)) {
        const { status, code, message } = fake.behavior.putError;
        return armError(status, code, message);
      }
      if (!body || typeof body !== 'object' || typeof body.properties !== 'object') {
        return armError(400, 'InvalidRequestContent', 'expected a body with properties');
      }
      const resource = (state) => ({
        id: resourceId,
        name,
        type: 'microsoft.servicelinker/linkers',
        properties: { ...body.properties, provisioningState: state },
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
      return send(201, resource('Accepted'), { 'Azure-AsyncOperation': opUrl, 'Retry-After': '0' });
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

/**
 * A perRetry pipeline policy that sends https://management.azure.com requests to the fake
 * (toolchain.md §7 A). It runs after the bearer-token policy (which refuses non-https URLs) and
 * restores the URL afterwards, because the LRO poller reuses the request's URL for its final GET.
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

/** The client options that reach the fake: pass them as `clientOptions`. */
export function fakeClientOptions(fake) {
  // No retries: a test that sees a retry would hide a wrong request.
  return { additionalPolicies: [{ policy: redirectPolicy(fake), position: 'perRetry' }], retryOptions: { maxRetries: 0 } };
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
