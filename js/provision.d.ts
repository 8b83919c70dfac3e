// Types of `aks-service-connector/provision` (./provision.js): the thin shell that sends the plan's
// ARM requests through the Azure SDK for JavaScript. Its Azure packages are optional peer
// dependencies of this package: install @azure-rest/core-client, @azure/core-lro and
// @azure/core-auth (and a credential, e.g. @azure/identity) to use this entry.
import type { ClientOptions } from '@azure-rest/core-client';
import type { TokenCredential } from '@azure/core-auth';
import type { ApiVersion, ConnectionSpec, Finding, Plan, PlanContext } from './index.js';

export interface ProvisionOptions {
  /** Any Azure `TokenCredential` (`@azure/identity`, or an adapter over a host's ARM token). */
  credential: TokenCredential;
  /** What is already known about the cluster (see `plan`). */
  context?: PlanContext | null | undefined;
  /** api-version of the requests; default `2024-07-01-preview`. Must agree with `context.apiVersion` when both are given. */
  apiVersion?: ApiVersion | undefined;
  /** Stops the run: no further request is sent and the promise rejects with code `aborted`. */
  signal?: AbortSignal | undefined;
  /** Wait between polls of a long-running operation when ARM sends no `Retry-After`; default 2000. */
  pollIntervalMs?: number | undefined;
  /** Called with a copy of a step when it starts, when ARM reports a new operation status, and when it ends. */
  onStep?: ((step: ProvisionStep) => void) | undefined;
  /**
   * Options of `@azure-rest/core-client`'s `getClient` (pipeline policies, retry, proxy, a custom
   * `httpClient`, …). `credentials.scopes` defaults to ARM's. An `apiVersion` other than the plan's,
   * or an `endpoint` / `baseUrl` other than `https://management.azure.com`, is rejected (`invalid-input`).
   */
  clientOptions?: ClientOptions | undefined;
}

export type ProvisionAction = 'create' | 'validate' | 'listConfigurations' | 'delete';
export type ProvisionStepStatus = 'running' | 'succeeded' | 'failed' | 'aborted';

/** One ARM request of a run, with its long-running operation followed to the end. */
export interface ProvisionStep {
  action: ProvisionAction;
  /** Linker name (the connection name; `<name>_schema` for the second confluent-cloud linker). */
  linker: string;
  method: 'PUT' | 'POST' | 'DELETE';
  /** Resource path of the request, without host and query (from the plan). */
  path: string;
  /** The full URL on `https://management.azure.com`, with `api-version`. */
  url: string;
  status: ProvisionStepStatus;
  /** HTTP status of the initial response, once there is one. */
  httpStatus: number | null;
  /** The operation's status as ARM reported it last (`Accepted`, `InProgress`, `Succeeded`, `Failed`, …). */
  operationStatus: string | null;
  /** `x-ms-request-id` and `x-ms-correlation-request-id` of the first response: what Azure support asks for. */
  requestId: string | null;
  correlationId: string | null;
  /** ARM's error of a failed step. */
  error: { code: string | null; message: string | null } | null;
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

export interface ProvisionResult {
  /** The plan the requests came from (findings, cleanup, troubleshooting). */
  plan: Plan;
  /** The final linker resources, in the plan's order. */
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

/**
 * - `invalid-spec`, `invalid-input`: from `plan` as it reports them (with `field` and `findings`), or
 *   an option of the wrong shape (`field` is `options.…`); nothing was sent
 * - `incomplete-request`: the ARM request still holds placeholders (listed in `missing`); nothing was sent
 * - `arm-error`: ARM answered with an error status (`status`, `armCode`, `armMessage`)
 * - `operation-failed`: ARM accepted the request but the long-running operation ended `Failed` or `Canceled`
 * - `unexpected-response`: an answer ARM would not give (a polling URL on another host, a body without the expected field)
 * - `request-failed`: no answer (network, credential, unreadable response); `cause` is the SDK's error
 * - `aborted`: the signal fired (`name` is `AbortError`); an operation ARM accepted may still finish
 * - `internal`: `plan` failed unexpectedly (in browsers: `init()` was not awaited first)
 */
export type ProvisionErrorCode =
  | 'invalid-spec'
  | 'invalid-input'
  | 'incomplete-request'
  | 'arm-error'
  | 'operation-failed'
  | 'unexpected-response'
  | 'request-failed'
  | 'aborted'
  | 'internal';

export class ProvisionError extends Error {
  readonly code: ProvisionErrorCode;
  /** The offending input field (`target.type`, `options.credential`, a missing `cluster.name`), or `null`. */
  readonly field: string | null;
  /** The plan's findings for `invalid-spec` and `incomplete-request`; empty otherwise. */
  readonly findings: Finding[];
  /** For `incomplete-request`: the spec fields whose placeholders are still in the request. */
  readonly missing: string[];
  /** HTTP status of the failing answer (`arm-error`; the initial status for `operation-failed`). */
  readonly status: number | null;
  /** ARM's `error.code` and `error.message`. */
  readonly armCode: string | null;
  readonly armMessage: string | null;
  /** The step that failed, and every step of the run so far (earlier ones may have succeeded). */
  readonly step: ProvisionStep | null;
  readonly steps: ProvisionStep[];
}

/** True when `e` was thrown by this module: narrows to `ProvisionError`. */
export function isProvisionError(e: unknown): e is ProvisionError;

/** Plans the connection, then PUTs each linker and follows its operation to the final resource. */
export function provision(spec: ConnectionSpec, options: ProvisionOptions): Promise<ProvisionResult>;

/** `POST …/validateLinker` for each linker of the connection (long-running). */
export function validateConnection(spec: ConnectionSpec, options: ProvisionOptions): Promise<ValidationResult>;

/** `POST …/listConfigurations` for each linker of the connection. */
export function listConfigurations(spec: ConnectionSpec, options: ProvisionOptions): Promise<ConfigurationsResult>;

/** `DELETE` of each linker of the connection (long-running); Kubernetes objects stay (see `plan.cleanup`). */
export function deleteConnection(spec: ConnectionSpec, options: ProvisionOptions): Promise<DeleteResult>;
