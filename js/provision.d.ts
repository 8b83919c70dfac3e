// Types of `aks-service-connector/provision` (./provision.js): the shell that carries a connection
// from design to working through the Azure SDK for JavaScript. Its Azure packages are optional peer
// dependencies of this package: install @azure-rest/core-client, @azure/core-lro and
// @azure/core-auth (and a credential, e.g. @azure/identity) to use this entry. These declarations
// name none of them, so a project without them still type-checks; the credential and client option
// types below are declared structurally, and those of the Azure SDK fit them.
import type { ApiVersion, ConnectionSpec, Finding, Plan, PlanContext } from './index.js';
import type { InitSource } from './index.js';

/** An access token, as `@azure/core-auth` declares it. */
export interface AccessToken {
  token: string;
  /** When the token expires, in milliseconds since the epoch. */
  expiresOnTimestamp: number;
  refreshAfterTimestamp?: number;
  tokenType?: 'Bearer' | 'pop';
}

/** An abort signal as the Azure SDK passes one (`@azure/abort-controller`'s `AbortSignalLike`); a DOM `AbortSignal` is one. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: (this: AbortSignalLike, ev: any) => any, options?: any): void;
  removeEventListener(type: 'abort', listener: (this: AbortSignalLike, ev: any) => any, options?: any): void;
}

/** What a credential's `getToken` is given besides the scopes (a subset of `@azure/core-auth`'s `GetTokenOptions`). */
export interface GetTokenOptions {
  abortSignal?: AbortSignalLike;
  tenantId?: string;
  claims?: string;
  enableCae?: boolean;
}

/** An Azure credential, as `@azure/core-auth` declares it: every `@azure/identity` credential is one. */
export interface TokenCredential {
  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null>;
}

/** A pipeline policy of `@azure/core-rest-pipeline` (its request and response types left to it). */
export interface PipelinePolicyLike {
  name: string;
  sendRequest(request: never, next: never): Promise<unknown>;
}

/**
 * The options of `@azure-rest/core-client`'s `getClient` (its `ClientOptions`, which fit here): pipeline
 * policies, retry, proxy, a custom `httpClient`, …
 */
export interface ProvisionClientOptions {
  credentials?: { scopes?: string[]; apiKeyHeaderName?: string } | undefined;
  endpoint?: string | undefined;
  baseUrl?: string | undefined;
  apiVersion?: string | undefined;
  allowInsecureConnection?: boolean | undefined;
  additionalPolicies?: Array<{ policy: PipelinePolicyLike; position: 'perCall' | 'perRetry' }> | undefined;
  httpClient?: { sendRequest(request: never): Promise<unknown> } | undefined;
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number } | undefined;
  proxyOptions?: { host: string; port: number; username?: string; password?: string } | undefined;
  redirectOptions?: { handleRedirects?: boolean; maxRetries?: number } | undefined;
  userAgentOptions?: { userAgentPrefix?: string } | undefined;
  telemetryOptions?: { clientRequestIdHeaderName?: string } | undefined;
  loggingOptions?: { additionalAllowedHeaderNames?: string[]; additionalAllowedQueryParameters?: string[] } | undefined;
  tlsOptions?: unknown;
  agent?: unknown;
}

/** Bounds of the waits, in milliseconds (defaults in `DEFAULT_TIMEOUTS`). */
export interface ProvisionTimeouts {
  /** Until every needed resource provider is `Registered`; default 300 000 (as the az CLI). */
  providerRegistrationMs?: number | undefined;
  /** Until a busy cluster (`Updating`, `Upgrading`, …) is `Succeeded`; default 1 800 000. */
  clusterReadyMs?: number | undefined;
  /** Until a linker's long-running operation ends; default 1 800 000. */
  operationMs?: number | undefined;
}

export interface ProvisionOptions {
  /**
   * Any Azure `TokenCredential`: `@azure/identity` (`InteractiveBrowserCredential` in a page,
   * `DefaultAzureCredential` in Node), or `credentialFromGetToken` over a host's own token.
   */
  credential: TokenCredential;
  /** What is already known about the cluster (see `plan`); the facts `provision` reads override it. */
  context?: PlanContext | null | undefined;
  /** api-version of the linker requests; default `2024-07-01-preview`. Must agree with `context.apiVersion` when both are given. */
  apiVersion?: ApiVersion | undefined;
  /** Stops the run, also during every wait: no further request is sent and the promise rejects with code `aborted`. */
  signal?: AbortSignal | undefined;
  /** Wait between reads while waiting (providers, cluster) and between polls when ARM sends no `Retry-After`; default 2000. */
  pollIntervalMs?: number | undefined;
  /** Bounds of the waits; an exceeded one rejects with code `timeout` and a diagnosis. */
  timeouts?: ProvisionTimeouts | undefined;
  /** Called with a copy of a step when it starts, waits, is polled and ends (secrets masked). */
  onStep?: ((step: ProvisionStep) => void) | undefined;
  /**
   * Options of `@azure-rest/core-client`'s `getClient` (pipeline policies, retry, proxy, a custom
   * `httpClient`, …). `credentials.scopes` defaults to ARM's. An `apiVersion` other than the plan's,
   * or an `endpoint` / `baseUrl` other than `https://management.azure.com`, is rejected (`invalid-input`).
   */
  clientOptions?: ProvisionClientOptions | undefined;
  /**
   * In browsers: where the classifier's `.wasm` comes from when a failure is diagnosed (default:
   * next to `aks-service-connector/classify`). Ignored in Node.
   */
  classifyWasm?: InitSource | undefined;
}

/** Options of `provision` and `updateConnection`. */
export interface ProvisionWriteOptions extends ProvisionOptions {
  /** Send only reads; the result lists the writes that would be sent (`writes`, secrets masked). */
  dryRun?: boolean | undefined;
}

/**
 * What a step does:
 * - `plan`: the core plans the connection (policy errors stop the run here)
 * - `providers`: Microsoft.KubernetesConfiguration and Microsoft.ServiceLinker registration (registered and waited for)
 * - `cluster`: the cluster read (a busy one waited for; never written)
 * - `identity`: the user-assigned identity read (client id resolved or checked)
 * - `create`, `update`, `validate`, `delete`: a linker's long-running request
 * - `configurations`, `listConfigurations`: a linker's configuration list
 * - `extension`: the sc-extension statuses read after a failed create
 * - `listConnections`: the cluster's linkers
 */
export type ProvisionAction =
  | 'plan' | 'providers' | 'cluster' | 'identity' | 'create' | 'update' | 'validate' | 'configurations'
  | 'listConfigurations' | 'delete' | 'extension' | 'listConnections';
export type ProvisionStepStatus = 'running' | 'waiting' | 'succeeded' | 'skipped' | 'failed' | 'aborted';

/** One step of a run, as `onStep` and the results report it. Never holds a body, token or secret. */
export interface ProvisionStep {
  action: ProvisionAction;
  status: ProvisionStepStatus;
  /** What happens, one line for a UI (`cluster aks is Updating; waiting until it is Succeeded`). */
  message: string;
  /** Linker name (the connection name; `<name>_schema` for the second confluent-cloud linker), for linker steps. */
  linker: string | null;
  /** The step's (latest) request: method, resource path without host and query, full URL with `api-version`. */
  method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE' | null;
  path: string | null;
  url: string | null;
  /** HTTP status of the step's first answer, once there is one. */
  httpStatus: number | null;
  /** A linker operation's status as ARM reported it last (`Accepted`, `InProgress`, `Succeeded`, `Failed`, …). */
  operationStatus: string | null;
  /** `x-ms-request-id` and `x-ms-correlation-request-id` of the first answer: what Azure support asks for. */
  requestId: string | null;
  correlationId: string | null;
  /** ARM's error of a failed step. */
  error: { code: string | null; message: string | null } | null;
  /** Reads while waiting, or polls of an operation, so far. */
  polls: number;
  /** What the step found: `{ providers }`, `ClusterFacts`, `IdentityFacts`, `ExtensionState`, the plan's summary. */
  data: Record<string, unknown> | null;
}

/** A linker resource as ARM returns it (`properties` as sent, plus `provisioningState`). */
export interface LinkerResource {
  id?: string;
  name?: string;
  type?: string;
  properties: {
    provisioningState?: string;
    targetService?: Record<string, unknown>;
    authInfo?: Record<string, unknown>;
    clientType?: string;
    scope?: string;
    [field: string]: unknown;
  };
  systemData?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The result of `POST …/validateLinker` (on AKS, `status` is always `success`). */
export interface LinkerValidation {
  linkerName?: string;
  status?: string;
  isConnectionAvailable?: boolean;
  resourceId?: string;
  sourceId?: string;
  targetId?: string;
  authType?: string;
  reportStartTimeUtc?: string;
  reportEndTimeUtc?: string;
  validationDetail?: Array<{
    name?: string;
    description?: string;
    result?: 'success' | 'failure' | 'warning' | (string & {});
    errorMessage?: string;
    errorCode?: string;
  }>;
  [field: string]: unknown;
}

/** One configuration a linker writes (credential values are empty strings on AKS). */
export interface SourceConfiguration {
  name: string;
  value?: string | null;
  configType?: string | null;
  keyVaultReferenceIdentity?: string | null;
  description?: string | null;
  [field: string]: unknown;
}

/** A resource provider's registration in a subscription. */
export interface ProviderState {
  namespace: 'Microsoft.KubernetesConfiguration' | 'Microsoft.ServiceLinker';
  subscription: string;
  /** Its registrationState: `Registered`, `Registering`, `NotRegistered`, … */
  state: string;
  /** This run registered it. */
  registeredNow: boolean;
}

/** What `provision` read from the cluster. */
export interface ClusterFacts {
  provisioningState: string;
  powerState: string | null;
  location: string | null;
  oidcIssuerEnabled: boolean | null;
  /** The issuer URL the federated credential needs (`plan.federatedCredential.issuer`). */
  oidcIssuerUrl: string | null;
  workloadIdentityEnabled: boolean | null;
  keyvaultSecretsProviderEnabled: boolean | null;
}

/** The user-assigned identity of a workload-identity connection. */
export interface IdentityFacts {
  id: string;
  name: string | null;
  clientId: string;
  tenantId: string | null;
  principalId: string | null;
}

/** The sc-extension cluster extension, read after a failed create. */
export interface ExtensionState {
  installed: boolean;
  provisioningState: string | null;
  /** What Helm and the extension agent reported (`level` `Error` first in importance). */
  statuses: Array<{ code?: string; displayStatus?: string; level?: 'Error' | 'Warning' | 'Information' | (string & {}); message?: string; time?: string }>;
  errorInfo: { code?: string; message?: string; [field: string]: unknown } | null;
}

/** A write the dry run would send: method, full URL, body with secret values as `***`. */
export interface PlannedWrite {
  method: 'PUT' | 'PATCH' | 'POST';
  url: string;
  body: Record<string, unknown> | null;
}

/** The diagnosis of a failure, from `aks-service-connector/classify` (loaded only on failure). */
export interface ProvisionDiagnosis {
  /** The classifier's category id (`helm_timeout`, `authorization_failed`, `conflict_cluster_updating`, …). */
  category: string;
  title: string;
  family: string;
  confidence: number;
  /** Why it happens. */
  cause: string;
  /** What to do, in order. */
  mitigation: string[];
  /** Commands with the cluster's and the connection's names filled in. */
  commands: string[];
  /** What the classifier extracted (`action`, `scope`, `errorCode`, …). */
  entities: Record<string, string[]>;
}

/** What both forms of `provision` return. */
export interface ProvisionFacts {
  /** The plan the requests came from, made exact by what was read (providers, cluster state, OIDC issuer). */
  plan: Plan;
  providers: ProviderState[];
  cluster: ClusterFacts;
  /** The resolved identity (workload identity with `auth.identityId`), or null. */
  identity: IdentityFacts | null;
  /** The Kubernetes objects (rendered YAML, apply order) and their names. */
  yaml: string;
  objects: Array<{ kind: string; name: string; namespace: string }>;
  steps: ProvisionStep[];
}

/** `provision` without `dryRun`: the connection exists. */
export interface ProvisionResult extends ProvisionFacts {
  dryRun: false;
  /** The final linker resources, in the plan's order. */
  linkers: LinkerResource[];
  /** The configuration names each linker wrote (the Secret's keys). */
  configurations: Array<{ linker: string; names: string[] }>;
}

/** `provision` with `dryRun: true`: only reads were sent. */
export interface DryRunResult extends ProvisionFacts {
  dryRun: true;
  /** Provider registrations, then the linker PUTs, in order. */
  writes: PlannedWrite[];
}

export interface UpdateResult {
  dryRun: boolean;
  plan: Plan;
  /** The PATCHes a dry run would send (empty otherwise). */
  writes: PlannedWrite[];
  /** The updated linker resources (empty for a dry run). */
  linkers: LinkerResource[];
  steps: ProvisionStep[];
}

export interface ValidationResult {
  plan: Plan;
  /** One report per linker, in the plan's order. */
  validations: LinkerValidation[];
  steps: ProvisionStep[];
}

export interface ConfigurationsResult {
  plan: Plan;
  configurations: Array<{ linker: string; configurations: SourceConfiguration[] }>;
  steps: ProvisionStep[];
}

export interface DeleteResult {
  /** `plan.cleanup` lists the commands that remove the Kubernetes objects (a delete leaves them). */
  plan: Plan;
  steps: ProvisionStep[];
}

export interface ConnectionsResult {
  clusterId: string;
  connections: LinkerResource[];
  steps: ProvisionStep[];
}

/** A cluster by its names, or its ARM id. */
export type ClusterRef = { subscription: string; resourceGroup: string; name: string } | string;

/**
 * - `invalid-spec`, `invalid-input`: from `plan` as it reports them (with `field` and `findings`), or
 *   an option of the wrong shape (`field` is `options.…`); nothing was sent
 * - `incomplete-request`: the ARM request still holds placeholders (listed in `missing`); nothing was sent
 * - `arm-error`: ARM answered with an error status (`status`, `armCode`, `armMessage`)
 * - `operation-failed`: ARM accepted the request but the long-running operation ended `Failed` or `Canceled`
 *   (`extension` holds the sc-extension statuses)
 * - `timeout`: a wait ran past its bound (`timeouts`): a provider still registering, a cluster still busy, an operation still running
 * - `cluster-not-ready`: the cluster is `Failed`, `Canceled`, stopped, …: not a state that ends by waiting; nothing was created
 * - `identity-mismatch`: `auth.clientId` is not the client id of `auth.identityId`; nothing was created
 * - `unexpected-response`: an answer ARM would not give (a polling URL on another host, a body without the expected field)
 * - `request-failed`: no answer (network, credential, unreadable response); `cause` is the SDK's error, masked
 * - `aborted`: the signal fired (`name` is `AbortError`); an operation ARM accepted may still finish
 * - `internal`: `plan` failed unexpectedly (in browsers: `init()` was not awaited first)
 */
export type ProvisionErrorCode =
  | 'invalid-spec'
  | 'invalid-input'
  | 'incomplete-request'
  | 'arm-error'
  | 'operation-failed'
  | 'timeout'
  | 'cluster-not-ready'
  | 'identity-mismatch'
  | 'unexpected-response'
  | 'request-failed'
  | 'aborted'
  | 'internal';

export class ProvisionError extends Error {
  readonly code: ProvisionErrorCode;
  /** The offending input field (`target.type`, `options.credential`, `auth.clientId`, a missing `cluster.name`), or `null`. */
  readonly field: string | null;
  /** The plan's findings for `invalid-spec` and `incomplete-request`; empty otherwise. */
  readonly findings: Finding[];
  /** For `incomplete-request`: the spec fields whose placeholders are still in the request. */
  readonly missing: string[];
  /** HTTP status of the failing answer (`arm-error`; the initial status for `operation-failed`). */
  readonly status: number | null;
  /** ARM's `error.code` and `error.message` (secrets masked). */
  readonly armCode: string | null;
  readonly armMessage: string | null;
  /** The step that failed, and every step of the run so far (earlier ones may have succeeded). */
  readonly step: ProvisionStep | null;
  readonly steps: ProvisionStep[];
  /** Category, cause, mitigation and filled commands, for failures in Azure; null for input errors and aborts. */
  readonly diagnosis: ProvisionDiagnosis | null;
  /** The sc-extension statuses, read when a create's operation failed. */
  readonly extension: ExtensionState | null;
}

/** True when `e` was thrown by this module: narrows to `ProvisionError`. */
export function isProvisionError(e: unknown): e is ProvisionError;

/**
 * Carries the connection from design to working: plan, providers (registered and waited for),
 * cluster (a busy one waited for), workload identity (resolved or checked), create of each linker,
 * configuration names. With `dryRun: true`, only reads are sent and the writes are returned.
 */
export function provision(spec: ConnectionSpec, options: ProvisionWriteOptions & { dryRun: true }): Promise<DryRunResult>;
export function provision(spec: ConnectionSpec, options: ProvisionWriteOptions & { dryRun?: false | undefined }): Promise<ProvisionResult>;
export function provision(spec: ConnectionSpec, options: ProvisionWriteOptions): Promise<ProvisionResult | DryRunResult>;

/** `PATCH` of each existing linker with the plan's properties (long-running). */
export function updateConnection(spec: ConnectionSpec, options: ProvisionWriteOptions): Promise<UpdateResult>;

/** `POST …/validateLinker` for each linker of the connection (long-running). */
export function validateConnection(spec: ConnectionSpec, options: ProvisionOptions): Promise<ValidationResult>;

/** `POST …/listConfigurations` for each linker of the connection. */
export function listConfigurations(spec: ConnectionSpec, options: ProvisionOptions): Promise<ConfigurationsResult>;

/** `DELETE` of each linker of the connection (long-running); Kubernetes objects stay (see `plan.cleanup`). */
export function deleteConnection(spec: ConnectionSpec, options: ProvisionOptions): Promise<DeleteResult>;

/** The connections (linkers) of a cluster, every page. */
export function listConnections(cluster: ClusterRef, options: ProvisionOptions): Promise<ConnectionsResult>;

/** What a host's token function may give: the token, an `AccessToken`, or a VS Code session. */
export type HostToken =
  | string
  | AccessToken
  | { token: string; expiresOnTimestamp?: number }
  | { accessToken: string; expiresOn?: Date | number };

/**
 * A `TokenCredential` over a host's own `getToken(scopes)` (an Azure portal extension, a VS Code
 * extension's `authentication.getSession`). The expiry comes from the answer or the JWT's `exp`;
 * a token is reused until `refreshBeforeMs` (default 120 000) before it expires.
 */
export function credentialFromGetToken(
  getToken: (scopes: string[], options: { abortSignal?: AbortSignalLike | undefined }) => HostToken | Promise<HostToken>,
  options?: { refreshBeforeMs?: number; now?: () => number },
): TokenCredential;

/** The api-versions of the non-linker requests, each with where it was checked. */
export const API_VERSIONS: Readonly<Record<'providers' | 'managedClusters' | 'userAssignedIdentities' | 'extensions', { readonly apiVersion: string; readonly source: string }>>;

/** Default `timeouts`. */
export const DEFAULT_TIMEOUTS: Readonly<Required<ProvisionTimeouts>>;
