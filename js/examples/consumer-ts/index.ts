// A TypeScript consumer of the package, checked with `tsc --strict --noEmit` in CI: every
// export with its generated types. The @ts-expect-error lines fail the check if a type
// degrades to `any` or stops matching the Rust types.
import init, {
  catalog,
  plan,
  preview,
  initSync,
  isServiceConnectorError,
  render,
  validate,
  version,
  type Catalog,
  type Plan,
  type PlanContext,
  type PreviewResult,
  type ConnectionSpec,
  type ErrorCode,
  type Finding,
  type KubernetesObject,
  type RenderOptions,
  type RenderResult,
  type Severity,
  type TargetId,
} from 'aks-service-connector';
// The classifier is the package's second module.
import initClassifier, {
  classify,
  initSync as initClassifierSync,
  isServiceConnectorError as isClassifierError,
  type ClassifyContext,
  type Diagnosis,
} from 'aks-service-connector/classify';
// The cluster module (drift, wire, composeWorkload) is the package's third.
import initCluster, {
  composeWorkload,
  drift,
  wire,
  initSync as initClusterSync,
  isServiceConnectorError as isClusterError,
  limits as clusterLimits,
  version as clusterVersion,
  type Cap,
  type ComposeResult,
  type DriftReport,
  type WireKind,
  type WireTarget,
  type Wiring,
  type WorkloadSet,
} from 'aks-service-connector/cluster';
// The provisioning shell (its Azure SDK packages are optional peers).
import {
  API_VERSIONS,
  DEFAULT_TIMEOUTS,
  credentialFromGetToken,
  deleteConnection,
  isProvisionError,
  listConfigurations,
  listConnections,
  provision,
  updateConnection,
  validateConnection,
  ProvisionError,
  type ClusterFacts,
  type DryRunResult,
  type ExtensionState,
  type LinkerResource,
  type PlannedWrite,
  type ProvisionDiagnosis,
  type ProvisionErrorCode,
  type ProvisionOptions,
  type ProvisionResult,
  type ProvisionStep,
  type ProvisionWriteOptions,
} from 'aks-service-connector/provision';
import type { TokenCredential } from '@azure/core-auth';
import type { ClientOptions } from '@azure-rest/core-client';
import type { TokenCredential as ProvisionCredential } from 'aks-service-connector/provision';

const spec: ConnectionSpec = {
  connectionName: 'storage_conn',
  namespace: 'apps',
  target: { type: 'storage-blob', account: 'mystore' },
  auth: { type: 'workload-identity', clientId: '00001111-aaaa-2222-bbbb-3333cccc4444' },
  clientType: 'python',
  customizedKeys: { AZURE_STORAGEBLOB_RESOURCEENDPOINT: 'BLOB_URL' },
  workload: { kind: 'Deployment', command: ['sleep', 'infinity'] },
};
const options: RenderOptions = { secretEncoding: 'data' };

export async function main(bytes: ArrayBuffer): Promise<string> {
  await init();
  await init('/assets/aks_service_connector_bg.wasm');
  initSync(bytes);

  const c: Catalog = catalog();
  const ids: TargetId[] = c.targets.map((t) => t.id);
  const pattern: string | null = c.targets[0]!.armIdPattern;
  const findings: Finding[] = validate(spec);
  const severity: Severity = findings[0]?.severity ?? 'info';
  const result: RenderResult = render(spec, options);
  render(spec);
  render(spec, null);
  const objects: KubernetesObject[] = result.documents.map((d) => d.object);
  const shown: PreviewResult = preview(spec, options);
  preview(spec);
  const kinds: string[] = shown.documents.map((d) => `${d.kind}/${d.name}: ${d.yaml.length}`);
  const names: string[] = objects.map((o) => `${o.kind}/${o.apiVersion}/${String(o.metadata.name)}`);

  try {
    render({ target: { type: 'storage-blob' }, namespace: 'Bad_NS' });
  } catch (e) {
    if (isServiceConnectorError(e)) {
      const code: ErrorCode = e.code;
      const field: string | null = e.field;
      const first: Finding | undefined = e.findings[0];
      return `${code} ${field} ${first?.code}`;
    }
    throw e;
  }
  const context: PlanContext = { extensionInstalled: true, apiVersion: '2022-05-01' };
  const p: Plan = plan(spec, context);
  plan(spec);
  const method: string = p.requests[0]!.method;
  const body: unknown = p.requests[0]!.maskedBody;
  const applies: boolean = p.operations.some((o) => o.status === 'applies');
  await initClassifier('/assets/aks_service_connector_classify_bg.wasm');
  initClassifierSync(bytes);
  const classifyContext: ClassifyContext = { resourceGroup: 'rg', cluster: 'aks1' };
  const d: Diagnosis = classify('AADSTS700016: Application with identifier ...', classifyContext);
  classify('text');
  try {
    classify('');
  } catch (e) {
    if (isClassifierError(e)) return e.code;
  }
  const confidence: number = d.matches[0]?.confidence ?? 0;
  const entities: Record<string, string[]> = d.entities;

  return [version(), ids.length, pattern, severity, ...names, ...kinds, method, body, applies, confidence, entities].join(' ');
}

// What meets a running cluster: the drift check and the wiring of an existing workload.
export async function clusterChecks(bytes: ArrayBuffer, held: string): Promise<string> {
  await initCluster();
  await initCluster('/assets/aks_service_connector_cluster_bg.wasm');
  initClusterSync(bytes);
  const report: DriftReport = drift(spec, held);
  const codes: string[] = report.findings.map((f: Finding) => `${f.code} ${f.severity} ${f.field}`);
  const objects: number = report.objects;
  const kind: WireKind = 'StatefulSet';
  const target: WireTarget = { kind, name: 'web', containers: [{ name: 'app', index: 0, hasEnvFrom: true }], hasPodLabels: true };
  const w: Wiring = wire(spec, target);
  const forms: string[] = [w.strategicMerge, w.kustomize, w.jsonPatch];
  const caps: Cap[] = clusterLimits();
  try {
    wire(spec, { kind: 'Job', name: 'Bad_Name', containers: [] });
  } catch (e) {
    if (isClusterError(e)) return `${e.code} ${e.field}`;
    throw e;
  }
  return [clusterVersion(), objects, caps.length, ...codes, ...forms].join(' ');
}
// Several connections for one workload: each connection's objects once, one workload for all.
export function composed(): string {
  const set: WorkloadSet = {
    connections: [
      { spec },
      { spec: { connectionName: 'bus_conn', target: { type: 'servicebus' } } },
      { spec: { connectionName: 'vault_conn', target: { type: 'keyvault' } }, mount: { volume: 'vault', path: '/mnt/vault' } },
    ],
    workload: { kind: 'Deployment' },
    workloadEnv: ['LOG_LEVEL'],
  };
  const r: ComposeResult = composeWorkload(set, { secretEncoding: 'data' });
  const owners: number[][] = r.documents.map((d) => d.connections);
  const wired: string | undefined = r.wiring?.strategicMerge;
  return [r.yaml, owners.flat().length, wired ?? '', ...r.findings.map((f: Finding) => f.code)].join(' ');
}
// @ts-expect-error a set's connections are { spec, mount? }, not specs
composeWorkload({ connections: [spec] });
// @ts-expect-error drift reads the cluster's JSON text, not an object
drift(spec, { kind: 'List' });
// @ts-expect-error a wire target's kind is a closed union
wire(spec, { kind: 'Pod', name: 'p', containers: [] });
// @ts-expect-error drift and wire are not in the core module
import('aks-service-connector').then((m) => m.drift);

// The types are real, not `any`:
// @ts-expect-error target.type is a string
validate({ target: { type: 5 } });
// @ts-expect-error target is required
validate({ namespace: 'apps' });
// @ts-expect-error secretEncoding is 'stringData' | 'data'
render(spec, { secretEncoding: 'base64' });
// @ts-expect-error yaml is a string
export const notANumber: number = render(spec).yaml;
// @ts-expect-error preview's documents carry no object
export const noObject: unknown = preview(spec).documents[0]!.object;
// @ts-expect-error findings carry a severity union, not any string
export const badSeverity: Severity = 'fatal';
// @ts-expect-error classify takes a string
classify(42);
// @ts-expect-error plan context fields are typed
plan(spec, { extensionInstalled: 'yes' });
// @ts-expect-error error codes are a closed union
export const badCode: ErrorCode = 'oops';

// The provisioning shell: typed options, results and errors.
export async function provisionIt(credential: TokenCredential, signal: AbortSignal): Promise<string> {
  const options: ProvisionOptions = {
    credential,
    signal,
    apiVersion: '2024-07-01-preview',
    context: { extensionInstalled: true },
    pollIntervalMs: 1000,
    onStep: (step: ProvisionStep) => console.log(step.action, step.linker, step.status, step.operationStatus),
    clientOptions: { retryOptions: { maxRetries: 1 }, additionalPolicies: [] },
  };
  try {
    const result: ProvisionResult = await provision(spec, options);
    const linker: LinkerResource | undefined = result.linkers[0];
    const state: string | undefined = linker?.properties.provisioningState;
    const { validations } = await validateConnection(spec, { credential });
    const { configurations } = await listConfigurations(spec, { credential });
    const names: string[] = configurations.flatMap((c) => c.configurations.map((k) => k.name));
    const removed = await deleteConnection(spec, { credential });
    const cleanup: string[] = removed.plan.cleanup.map((c) => c.line);
    return [state, validations[0]?.status, ...names, ...cleanup, result.steps.length].join(' ');
  } catch (e) {
    if (isProvisionError(e)) {
      const code: ProvisionErrorCode = e.code;
      const status: number | null = e.status;
      const arm: string | null = e.armCode;
      const failed: ProvisionStep | null = e.step;
      return `${code} ${status} ${arm} ${failed?.url} ${e.missing.join(',')} ${e.findings.length}`;
    }
    if (e instanceof ProvisionError) return e.message;
    throw e;
  }
}

// The whole flow as a designer page drives it: dry run, per-step progress, the diagnosis of a failure.
export async function designerFlow(credential: TokenCredential): Promise<string> {
  const progress: string[] = [];
  const options: ProvisionOptions = {
    credential,
    onStep: (s: ProvisionStep) => progress.push(`${s.action} ${s.status} ${s.message} ${s.polls}`),
    timeouts: { clusterReadyMs: 600_000, providerRegistrationMs: DEFAULT_TIMEOUTS.providerRegistrationMs },
    classifyWasm: '/assets/aks_service_connector_classify_bg.wasm',
  };
  const dry: DryRunResult = await provision(spec, { ...options, dryRun: true });
  const writes: PlannedWrite[] = dry.writes;
  // @ts-expect-error a dry run has no linkers
  dry.linkers;
  try {
    const done: ProvisionResult = await provision(spec, options);
    const cluster: ClusterFacts = done.cluster;
    const names: string[] = done.configurations.flatMap((c) => c.names);
    const kinds: string[] = done.objects.map((o) => o.kind);
    const issuer: string | null = cluster.oidcIssuerUrl;
    const listed = await listConnections({ subscription: 's', resourceGroup: 'rg', name: 'aks' }, { credential });
    await listConnections('/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks', { credential });
    const write: ProvisionWriteOptions = { credential, dryRun: true };
    const updated = await updateConnection(spec, write);
    return [writes.length, names, kinds, issuer, done.yaml, listed.connections.length, updated.writes.length, API_VERSIONS.managedClusters.apiVersion].join(' ');
  } catch (e) {
    if (!isProvisionError(e)) throw e;
    const diagnosis: ProvisionDiagnosis | null = e.diagnosis;
    const extension: ExtensionState | null = e.extension;
    const commands: string[] = diagnosis?.commands ?? [];
    return [e.code, diagnosis?.category, diagnosis?.cause, ...(diagnosis?.mitigation ?? []), ...commands, extension?.statuses[0]?.message].join(' ');
  }
}

// A host's token (VS Code session, portal) as a credential.
export const hostCredential: TokenCredential = credentialFromGetToken(async (scopes) => ({ accessToken: scopes.join(' '), expiresOn: new Date() }));
credentialFromGetToken(() => 'eyJ0eXAi');
// @ts-expect-error the host function gives a token, not a number
credentialFromGetToken(async () => 42);
// @ts-expect-error timeouts are named
provision(spec, { credential: {} as TokenCredential, timeouts: { cluster: 5 } });
// @ts-expect-error only provision and updateConnection have a dry run
validateConnection(spec, { credential: {} as TokenCredential, dryRun: true });

// @ts-expect-error a credential is required
provision(spec, {});
// @ts-expect-error the credential is a TokenCredential, not a token string
provision(spec, { credential: 'eyJ0eXAi' });
// @ts-expect-error options are checked: a misspelt option is an error
provision(spec, { credential: {} as TokenCredential, pollInterval: 5 });
// @ts-expect-error apiVersion is one of the planned versions
provision(spec, { credential: {} as TokenCredential, apiVersion: '2020-01-01' });
// @ts-expect-error step statuses are a closed union
export const badStep: ProvisionStep['status'] = 'done';
// @ts-expect-error provision error codes are a closed union
export const badProvisionCode: ProvisionErrorCode = 'oops';

// The entry declares its credential and client option types itself (it type-checks without the
// Azure packages); the Azure SDK's own types fit them both ways.
export function sdkTypesFit(credential: TokenCredential, clientOptions: ClientOptions): Promise<DryRunResult> {
  const ours: ProvisionCredential = credential;
  const theirs: TokenCredential = ours;
  return provision(spec, { credential: theirs, clientOptions, dryRun: true });
}
// @ts-expect-error a client option of the wrong type is an error
provision(spec, { credential: {} as TokenCredential, clientOptions: { retryOptions: { maxRetries: 'twice' } } });
