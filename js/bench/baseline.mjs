// The JavaScript baselines the wasm module is measured against, shared by the benchmarks
// (js/bench/*.bench.mjs) and by js/test/bench-equivalence.test.js, which proves that each
// baseline builds exactly what wasm renders, so the comparison is apples to apples.
//
// The render baseline is what a portal extension would write by hand: object literals filled
// from the same spec, then serialised with js-yaml (4.1.0 and 5.5.0), with yaml, or with JSON.stringify
// (the floor). It knows only the three targets the benchmark uses; the wasm module knows all 27.
//
// The classify baseline tests hand-written RegExps, one list per category, in a loop. They
// are a representative transcription of the signal phrases of the category table
// (src/classify/rules.rs), written for this benchmark; they are NOT derived from
// src/classify, and they do none of its work beyond picking a category (no unescaping of
// nested JSON, no evidence ranges, entities, redaction or filled-in commands).
import * as jsyaml from 'js-yaml';
// js-yaml 4.1.0 under an npm alias: the version most of npm still depends on, and faster on
// this workload than 5.5.0; the benchmarks run both and compare against the faster.
import * as jsyaml4 from 'js-yaml-4';
import YAML from 'yaml';

const SUB = '00000000-0000-0000-0000-000000000001';
const CLIENT = '11111111-1111-1111-1111-111111111111';
const TENANT = '22222222-2222-2222-2222-222222222222';

/** The headline case: a storage-blob connection with workload identity, every input given. */
export const BLOB_WI_SPEC = {
  connectionName: 'storage_conn',
  namespace: 'apps',
  target: { type: 'storage-blob', subscription: SUB, resourceGroup: 'data-rg', account: 'mystore' },
  auth: {
    type: 'workload-identity',
    clientId: CLIENT,
    subscriptionId: SUB,
    tenantId: TENANT,
    identityId: `/subscriptions/${SUB}/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-id`,
  },
  clientType: 'python',
};

const blob = { type: 'storage-blob', subscription: SUB, resourceGroup: 'data-rg', account: 'mystore' };

/** One spec per auth id (targets as in benches/core.rs: Key Vault for CSI, PostgreSQL for secret). */
export const SPECS = {
  'workload-identity': BLOB_WI_SPEC,
  'connection-string': { connectionName: 'storage_conn', namespace: 'apps', target: blob, auth: { type: 'connection-string' }, clientType: 'python' },
  'service-principal': {
    connectionName: 'storage_conn', namespace: 'apps', target: blob,
    auth: { type: 'service-principal', clientId: CLIENT, tenantId: TENANT }, clientType: 'python',
  },
  secret: {
    connectionName: 'pg_conn', namespace: 'apps',
    target: { type: 'postgres-flexible', subscription: SUB, resourceGroup: 'data-rg', server: 'mypg', database: 'app' },
    auth: { type: 'secret' }, clientType: 'python',
  },
  'keyvault-csi': {
    connectionName: 'kv_conn', namespace: 'apps',
    target: { type: 'keyvault', subscription: SUB, resourceGroup: 'data-rg', vault: 'myvault' },
    auth: { type: 'keyvault-csi' }, clientType: 'python',
  },
};

// Hand-kept configuration keys of the three targets, as a portal extension would hard-code them.
const KEYS = {
  'storage-blob': (t, a) => {
    const endpoint = `https://${t.account}.blob.core.windows.net/`;
    switch (a.type) {
      case 'workload-identity':
        return { AZURE_STORAGEBLOB_CLIENTID: a.clientId, AZURE_STORAGEBLOB_RESOURCEENDPOINT: endpoint };
      case 'service-principal':
        return {
          AZURE_STORAGEBLOB_CLIENTID: a.clientId,
          AZURE_STORAGEBLOB_CLIENTSECRET: a.secret ?? '<client-secret>',
          AZURE_STORAGEBLOB_RESOURCEENDPOINT: endpoint,
          AZURE_STORAGEBLOB_TENANTID: a.tenantId,
        };
      case 'connection-string':
        return {
          AZURE_STORAGEBLOB_CONNECTIONSTRING: `DefaultEndpointsProtocol=https;AccountName=${t.account};AccountKey=<account-key>;EndpointSuffix=core.windows.net`,
        };
    }
    throw new Error(`baseline: no keys for storage-blob/${a.type}`);
  },
  'postgres-flexible': (t) => ({
    AZURE_POSTGRESQL_CONNECTIONSTRING: `dbname=${t.database} host=${t.server}.postgres.database.azure.com port=5432 sslmode=require user=<username> password=<password>`,
  }),
};

const objectName = (conn) => conn.toLowerCase().replace(/[_.]/g, '-');

function job(ns, { secret, serviceAccount, csi }) {
  const container = {
    command: csi ? ['ls', '-l', '/mnt/secrets-store'] : ['printenv'],
    image: 'alpine',
    name: 'raw-linux',
  };
  if (secret) container.envFrom = [{ secretRef: { name: secret } }];
  if (csi) container.volumeMounts = [{ mountPath: '/mnt/secrets-store', name: 'secrets-store01-inline', readOnly: true }];
  const podSpec = { containers: [container], restartPolicy: 'OnFailure' };
  if (serviceAccount) podSpec.serviceAccountName = serviceAccount;
  if (csi) {
    podSpec.volumes = [{
      csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: csi } },
      name: 'secrets-store01-inline',
    }];
  }
  // Separate label literals for the Job and its pod template: a shared object would make
  // js-yaml emit an anchor and alias.
  const template = serviceAccount
    ? { metadata: { labels: { 'azure.workload.identity/use': 'true' } }, spec: podSpec }
    : { spec: podSpec };
  const metadata = serviceAccount
    ? { labels: { 'azure.workload.identity/use': 'true' }, name: 'sc-sample-job', namespace: ns }
    : { name: 'sc-sample-job', namespace: ns };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: { template } };
}

/** Builds the documents wasm renders for `spec` (one of SPECS), in apply order, as plain literals. */
export function buildObjects(spec) {
  const ns = spec.namespace;
  const c = objectName(spec.connectionName);
  const a = spec.auth;
  if (a.type === 'keyvault-csi') {
    const spc = `sc-${c}-spc`;
    return [
      {
        apiVersion: 'secrets-store.csi.x-k8s.io/v1',
        kind: 'SecretProviderClass',
        metadata: { name: spc, namespace: ns },
        spec: {
          provider: 'azure',
          parameters: {
            keyvaultName: spec.target.vault,
            objects: 'array:\n- |\n  objectName: <KEYVAULT_SECRET_NAME>\n  objectType: secret\n',
            tenantId: '<AZURE_KEYVAULT_TENANTID>',
            usePodIdentity: 'false',
            useVMManagedIdentity: 'true',
            userAssignedIdentityID: '<AZURE_KEYVAULT_CLIENTID>',
          },
        },
      },
      job(ns, { csi: spc }),
    ];
  }
  const secretName = `sc-${c}-secret`;
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secretName, namespace: ns },
    stringData: KEYS[spec.target.type](spec.target, a),
    type: 'Opaque',
  };
  if (a.type !== 'workload-identity') return [secret, job(ns, { secret: secretName })];
  const sa = `sc-account-${a.clientId}`;
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        annotations: { 'azure.workload.identity/client-id': a.clientId, 'azure.workload.identity/tenant-id': a.tenantId },
        name: sa,
        namespace: ns,
      },
    },
    secret,
    job(ns, { secret: secretName, serviceAccount: sa }),
  ];
}

/** The hand-written serialisations: spec in, one multi-document string out. */
export const serialisers = {
  'js-yaml 4.1.0': (spec) => buildObjects(spec).map((o) => jsyaml4.dump(o)).join('---\n'),
  'js-yaml 5.5.0': (spec) => buildObjects(spec).map((o) => jsyaml.dump(o)).join('---\n'),
  yaml: (spec) => buildObjects(spec).map((o) => YAML.stringify(o)).join('---\n'),
  'JSON.stringify': (spec) => buildObjects(spec).map((o) => JSON.stringify(o)).join('\n---\n'),
};

/** Parses a multi-document YAML stream (JSON documents too: JSON is YAML) into plain objects. */
export const parseAll = (text) => jsyaml.loadAll(text).filter((d) => d !== null && d !== undefined);

// ---------------------------------------------------------------------------------------------
// Classify baseline: category id → RegExps, in priority order (specific before generic; the
// first category with a hit wins, `unknown` when none does). Transcribed by hand from the
// "Signals" of each category in the error-categories spec.
export const CATEGORY_PATTERNS = [
  ['extension_agent_timeout', [/response from the agent in time/i, /unable to get a response from the agent/i]],
  ['extension_pods_unschedulable', [/untolerated taint \{?CriticalAddonsOnly/i, /pods can't be scheduled .*CriticalAddonsOnly/i]],
  ['helm_timeout', [/timed out waiting for the (condition|resource)/i, /job failed: BackoffLimitExceeded/i, /Timed out waiting for resource readiness/i]],
  ['helm_chart_download', [/failed to download "[^"]*"/i, /Unable to download the Helm chart/i]],
  ['helm_render', [/Unable to render the Helm chart/i, /execution error at \(/i, /nil pointer evaluating interface/i, /can't evaluate field \w+ in type/i]],
  ['helm_resource_exists', [/rendered manifests contain a resource that already exists/i, /Resource already exist(s|ing) in your cluster/i]],
  ['helm_operation_in_progress', [/another operation \(install\/upgrade\/rollback\) is in progress/i, /Operation is already in progress for Helm/i]],
  ['helm_install_other', [/Helm installation failed/i, /Error: (INSTALLATION|UPGRADE) FAILED/, /\bInstallationFailed\b/]],
  ['extension_other', [/\bExtensionOperationFailed\b/, /\bExtensionTypeRegistrationGetFailed\b/, /extension-immutable-values/i]],
  ['sc_job_failed', [/\bsc-job\b.*(BackoffLimitExceeded|Failed|Error)/i, /sc-system.*(ImagePullBackOff|ErrImagePull|CrashLoopBackOff)/i, /sc-operator:[\w.-]+.*(not found|401)/i]],
  ['subscription_not_registered', [/not registered to use namespace/i, /\bMissingSubscriptionRegistration\b/, /\bNoRegisteredProviderFound\b/, /\bSubscriptionNotRegistered\b/]],
  ['policy_disallowed', [/\bRequestDisallowedByPolicy\b/, /was disallowed by policy/i, /admission webhook "validation\.gatekeeper\.sh" denied/i]],
  ['quota_exceeded', [/\b(Resource)?QuotaExceeded\b/, /exceed(s|ing)? (the )?(approved )?quota/i]],
  ['conflict_cluster_updating', [/invalid status code:? '?Conflict'?/i, /\bAnotherOperationInProgress\b/, /Another operation \(.*\) is in progress, please wait/i, /provisioningState is Accepted, please retry later/i]],
  ['wi_no_federated_credential', [/\bAADSTS70021\b/, /\bAADSTS70021(1|3|38)\b/, /No matching federated identity record found/i]],
  ['wi_oidc_issuer_unreachable', [/\bAADSTS(90061|50166)\b/, /Request to External OIDC endpoint failed/i]],
  ['wi_wrong_client_id', [/\bAADSTS700016\b/]],
  ['kv_csi_mount_failed', [/MountVolume\.SetUp failed for volume "secrets-store/i, /failed to mount secrets store objects/i, /failed to process mount request/i]],
  ['kv_access_denied', [/\bForbiddenBy(Rbac|Connection|Policy)\b/, /\bDeniedWithNoValidRBAC\b/, /does not have secrets get permission/i]],
  ['wi_token_file_missing', [/WorkloadIdentityCredential authentication unavailable/i, /no token file specified/i, /ManagedIdentityCredential authentication unavailable/i]],
  ['wi_wrong_client_id', [/"error_description":"Identity not found"/i]],
  ['authorization_failed', [/\b(Linked)?AuthorizationFailed\b/, /does not have authorization to perform action/i, /You do not have permission to perform/i, /\bUnauthorizedResourceAccess\b/]],
  ['aks_not_found', [/Microsoft\.ContainerService\/managedClusters\/[^']*' under resource group '[^']*' was not found/i]],
  ['resource_group_not_found', [/\bResourceGroupNotFound\b/]],
  ['resource_not_found', [/\b(ResourceNotFound|ParentResourceNotFound|SubscriptionNotFound)\b/, /Code=NotFound/]],
  ['other', [/\b(az|kubectl|helm)\b.*\b(error|failed)\b/i, /\bCode: \w+Error\b/]],
];

/** Picks the first category with a matching RegExp; `unknown` when none matches. */
export function classifyRegExp(text) {
  for (const [id, patterns] of CATEGORY_PATTERNS) {
    for (const re of patterns) {
      if (re.test(text)) return id;
    }
  }
  return 'unknown';
}

/** A realistic 1 KB error (the az CLI's conflict) — the same text as benches/core.rs. */
export const ERROR_1K =
  "cli.azure.cli.core.azclierror: (GeneralUserError) Execution failed. Operation returned an invalid status code 'Conflict'\nCode: GeneralUserError\nMessage: Execution failed. Operation returned an invalid status code 'Conflict'\n";

/** `size` bytes of ordinary log lines with `tail` at the end (as `log_with` in benches/core.rs). */
export function logWith(size, tail) {
  const line = '2026-11-28T10:00:00Z INFO  controller reconcile finished for default/web in 12ms, no changes\n';
  let n = 0;
  while ((n + 1) * line.length < size) n += 1;
  return line.repeat(n) + tail;
}
