// Bundled by Vite in provision-browser.test.js: aks-service-connector/provision in Chromium, with the
// Azure SDK's browser builds (fetch), against the fake ARM given as ?arm=<origin> (a CORS request).
import { init } from 'aks-service-connector';
import { provision, deleteConnection, isProvisionError } from 'aks-service-connector/provision';

const arm = new URL(location.href).searchParams.get('arm');
// toolchain.md §7 A: keep https://management.azure.com in the SDK, send it to the fake, restore the URL.
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
const options = {
  credential: { getToken: async () => ({ token: 'browser-token', expiresOnTimestamp: Date.now() + 3600_000 }) },
  clientOptions: { additionalPolicies: [{ policy: redirect, position: 'perRetry' }], retryOptions: { maxRetries: 0 } },
  pollIntervalMs: 1,
};
const sub = '00000000-0000-0000-0000-000000000000';
const spec = {
  connectionName: 'browser_conn',
  namespace: 'apps',
  target: { type: 'storage-blob', account: 'mystore', resourceGroup: 'rg', subscription: sub },
  auth: { type: 'connection-string' },
  cluster: { subscription: sub, resourceGroup: 'aks-rg', name: 'aks' },
};

try {
  await init();
  const created = await provision(spec, options);
  let failed = null;
  try {
    await provision({ ...spec, connectionName: 'rejected' }, options);
  } catch (e) {
    failed = isProvisionError(e) ? { code: e.code, status: e.status, armCode: e.armCode } : String(e);
  }
  const removed = await deleteConnection(spec, options);
  document.body.dataset.result = JSON.stringify({
    steps: [...created.steps, ...removed.steps].map((s) => `${s.action} ${s.status} ${s.httpStatus} ${s.operationStatus}`),
    state: created.linkers[0].properties.provisioningState,
    requestId: created.steps[0].requestId,
    failed,
  });
} catch (e) {
  document.body.dataset.error = `${e?.code ?? ''} ${e?.stack ?? e}`;
}
