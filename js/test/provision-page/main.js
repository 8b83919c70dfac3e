// Bundled by Vite in provision-browser.test.js: aks-service-connector/provision in Chromium, with the
// Azure SDK's browser builds (fetch), against the fake ARM given as ?arm=<origin> (a CORS request).
// The whole flow: providers registered on the way, a busy cluster waited out, the identity resolved,
// the create, a failure diagnosed by the classifier (loaded by the page only then), a dry run, the
// cluster's connections, the delete. The credential is a host-token stub.
import { InteractiveBrowserCredential } from '@azure/identity';
import { init } from 'aks-service-connector';
import {
  credentialFromGetToken, deleteConnection, isProvisionError, listConnections, provision,
} from 'aks-service-connector/provision';

const arm = new URL(location.href).searchParams.get('arm');
// Keep https://management.azure.com in the SDK, send it to the fake, restore the URL.
const redirect = {
  name: 'redirectToFakeArm',
  async sendRequest(request, next) {
    const url = request.url;
    const parsed = new URL(url);
    if (parsed.origin === 'https://management.azure.com') {
      request.url = arm + parsed.pathname + parsed.search;
      request.allowInsecureConnection = true;
    }
    try {
      return await next(request);
    } finally {
      request.url = url;
    }
  },
};
const events = [];
const options = {
  credential: credentialFromGetToken(async () => 'browser-token'),
  clientOptions: { additionalPolicies: [{ policy: redirect, position: 'perRetry' }], retryOptions: { maxRetries: 0 } },
  pollIntervalMs: 1,
  onStep: (s) => events.push(`${s.action} ${s.status}`),
};
const sub = '00000000-0000-0000-0000-000000000000';
const cluster = { subscription: sub, resourceGroup: 'aks-rg', name: 'aks' };
const spec = {
  connectionName: 'browser_conn',
  namespace: 'apps',
  target: { type: 'storage-blob', account: 'mystore', resourceGroup: 'rg', subscription: sub },
  auth: { type: 'workload-identity', subscriptionId: sub, identityId: `/subscriptions/${sub}/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-id` },
  cluster,
};

// The README's browser sign-in path bundles and constructs here; signing in needs Entra, so the
// requests below use the stub.
const signIn = new InteractiveBrowserCredential({
  tenantId: 'organizations', clientId: '00001111-aaaa-2222-bbbb-3333cccc4444', redirectUri: location.origin, loginStyle: 'popup',
});

try {
  await init();
  const created = await provision(spec, options);
  let failed = null;
  try {
    await provision({ ...spec, connectionName: 'rejected' }, options);
  } catch (e) {
    failed = isProvisionError(e)
      ? { code: e.code, status: e.status, armCode: e.armCode, category: e.diagnosis?.category ?? null, commands: e.diagnosis?.commands ?? [] }
      : String(e);
  }
  const dry = await provision({ ...spec, connectionName: 'dry_conn' }, { ...options, dryRun: true });
  const listed = await listConnections(cluster, options);
  const removed = await deleteConnection(spec, options);
  document.body.dataset.result = JSON.stringify({
    steps: created.steps.map((s) => `${s.action} ${s.status}`),
    events: [...new Set(events)],
    state: created.linkers[0].properties.provisioningState,
    clientId: created.identity?.clientId ?? null,
    issuer: created.plan.federatedCredential?.issuer ?? null,
    configurations: created.configurations[0].names,
    objects: created.objects.map((o) => o.kind),
    requestId: created.steps.find((s) => s.action === 'create').requestId,
    failed,
    dryWrites: dry.writes.map((w) => w.method),
    connections: listed.connections.map((c) => c.name),
    removed: removed.steps.map((s) => `${s.action} ${s.status} ${s.httpStatus}`),
    signIn: typeof signIn.getToken,
  });
} catch (e) {
  document.body.dataset.error = `${e?.code ?? ''} ${e?.stack ?? e}`;
}
