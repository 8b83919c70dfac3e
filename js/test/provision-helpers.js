// What the provisioning suites share: the fake ARM's lifetime around a test file, the options
// that reach it through the real Azure SDK, the cluster and identity they provision against, and
// the check that a call rejects with a ProvisionError.
import { before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { isProvisionError } from 'aks-service-connector/provision';
import { startFakeArm, fakeClientOptions, fakeCredential } from './fake-arm.js';

/** The subscription of the cluster, the identity and the target. */
export const SUB = '00000000-0000-0000-0000-000000000000';
export const CLUSTER = { subscription: SUB, resourceGroup: 'aks-rg', name: 'aks' };
export const CLUSTER_ID = `/subscriptions/${SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks`;
/** A user-assigned identity the fake knows once a test file puts it there (`fake.identities`). */
export const IDENTITY_ID = `/subscriptions/${SUB}/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-id`;
export const IDENTITY = { clientId: '44445555-aaaa-6666-bbbb-7777cccc8888', tenantId: '12121212-3434-5656-7878-909090909090', principalId: '13131313-2424-3535-4646-575757575757' };

/**
 * Starts the fake ARM before the file's tests (handing it to `started`) and closes it after them;
 * before each test it is reset and handed to `reset`.
 */
export function useFakeArm({ started, reset = () => {} }) {
  let fake;
  before(async () => {
    fake = await startFakeArm();
    started(fake);
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    reset(fake);
  });
}

/** Options that reach `fake`; polls without waiting (the fake also sends Retry-After: 0). */
export function fakeArmOptions(fake, extra = {}) {
  return { credential: fakeCredential(), clientOptions: fakeClientOptions(fake), pollIntervalMs: 1, ...extra };
}

/** The ProvisionError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejects(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(isProvisionError(e), `expected a ProvisionError, got ${e?.stack ?? e}`);
    return e;
  }
  assert.fail('expected a rejection');
}
