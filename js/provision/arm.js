// @ts-check
// The HTTP side of the shell: one @azure-rest/core-client client per run (token, retries and
// throttling by the SDK's pipeline), ARM's error shape, and long-running operations followed with
// @azure/core-lro. Every request belongs to a step, which keeps its request ids and poll count.
import { getClient } from '@azure-rest/core-client';
import { createHttpPoller } from '@azure/core-lro';
import { ProvisionError } from './errors.js';
import { deadline } from './wait.js';

/**
 * @typedef {import('./run.js').Run} Run
 * @typedef {import('./run.js').Step} Step
 * @typedef {import('./redact.js').Redactor} Redactor
 * @typedef {import('@azure-rest/core-client').HttpResponse & { body: any }} HttpResponse an answer; its body is ARM's JSON, read field by field
 * @typedef {import('@azure-rest/core-client').Client} Client
 * @typedef {import('@azure-rest/core-client').ClientOptions} ClientOptions
 * @typedef {import('@azure/core-auth').TokenCredential} TokenCredential
 * @typedef {(step: Step) => string} Describe what a step does, for messages
 * @typedef {'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE'} Method
 */

export const ARM = 'https://management.azure.com';
const ARM_SCOPE = `${ARM}/.default`;

/**
 * The client of a run. `apiVersion` is the linker's (the plan's); requests to other resource
 * types carry their own `api-version` in the path, which the client keeps.
 */
/**
 * @param {TokenCredential} credential
 * @param {import('../provision.js').ProvisionClientOptions} options the caller's, checked
 * @param {string} apiVersion
 * @param {string} userAgent
 * @returns {Client}
 */
export function makeClient(credential, options, apiVersion, userAgent) {
  // The caller's options are the SDK's own (its types fit the entry's structural ones).
  const clientOptions = /** @type {ClientOptions} */ (options);
  const prefix = clientOptions.userAgentOptions?.userAgentPrefix;
  return getClient(ARM, credential, {
    ...clientOptions,
    apiVersion,
    credentials: { scopes: [ARM_SCOPE], ...clientOptions.credentials },
    userAgentOptions: {
      ...clientOptions.userAgentOptions,
      userAgentPrefix: [prefix, userAgent].filter(Boolean).join(' '),
    },
  });
}

/**
 * `path?api-version=…` for a resource type of the api-version table.
 * @param {string} path
 * @param {string} apiVersion
 */
export function withVersion(path, apiVersion) {
  return `${path}?api-version=${apiVersion}`;
}

/**
 * Sends one request through the SDK pipeline (token, retries, the caller's policies).
 * @param {Run} run
 * @param {Step} step
 * @param {Method} method
 * @param {string} urlOrPath
 * @param {{ body?: unknown, signal?: AbortSignal | undefined }} [options]
 * @returns {Promise<HttpResponse>}
 */
export async function send(run, step, method, urlOrPath, { body, signal } = {}) {
  /** @type {import('@azure-rest/core-client').RequestParameters} */
  const request = {};
  const abortSignal = signal ?? run.signal;
  if (abortSignal !== undefined) request.abortSignal = abortSignal;
  if (body !== undefined) request.body = body;
  if (run.client === null) throw new ProvisionError('internal', 'expected a client for the run, found none');
  const resource = run.client.pathUnchecked(urlOrPath);
  const verb = /** @type {'get' | 'put' | 'patch' | 'post' | 'delete'} */ (method.toLowerCase());
  const response = await resource[verb](request);
  // Kept from the first response of the step: what ARM support asks for.
  step.requestId ??= response.headers['x-ms-request-id'] ?? null;
  step.correlationId ??= response.headers['x-ms-correlation-request-id'] ?? null;
  return response;
}

/**
 * Throws `arm-error` unless the response has one of the `expected` statuses.
 * @param {Step} step
 * @param {HttpResponse} response
 * @param {number[]} expected
 * @param {Describe} describe
 */
export function expectStatus(step, response, expected, describe) {
  const status = Number(response.status);
  if (step.httpStatus === null) step.httpStatus = status;
  if (!expected.includes(status)) throw armError(step, response, expected.join(' or '), describe);
}

/**
 * An `arm-error` from an ARM error answer.
 * @param {Step} step
 * @param {HttpResponse} response
 * @param {string} expected
 * @param {Describe} describe
 * @returns {ProvisionError}
 */
export function armError(step, response, expected, describe) {
  const status = Number(response.status);
  const { code, message } = errorOf(response.body);
  const found = code || message ? `${status} ${[code, message].filter(Boolean).join(': ')}` : `${status} ${preview(response.body)}`;
  return new ProvisionError('arm-error', `${describe(step)}: expected ${expected}, found ${found}`,
    { status, armCode: code, armMessage: message });
}

/** ARM's error body is `{ error: { code, message } }`; a few providers put code and message at the top. */
/**
 * @param {unknown} body
 * @returns {{ code: string | null, message: string | null }}
 */
export function errorOf(body) {
  /** @type {{ error?: { code?: unknown, message?: unknown }, code?: unknown, message?: unknown } | null} */
  const top = body && typeof body === 'object' ? body : null;
  const e = top ? (top.error ?? top) : null;
  return {
    code: typeof e?.code === 'string' ? e.code : null,
    message: typeof e?.message === 'string' ? e.message : null,
  };
}

/**
 * GETs an ARM resource and returns its body; any status but 200 is an `arm-error`.
 * @param {Run} run
 * @param {Step} step
 * @param {string} path
 * @param {Describe} describe
 * @param {AbortSignal} [signal]
 * @returns {Promise<any>} ARM's JSON body, read by the caller field by field
 */
export async function getResource(run, step, path, describe, signal) {
  const response = await send(run, step, 'GET', path, { signal });
  expectStatus(step, response, [200], describe);
  return response.body;
}

/**
 * Polling URLs come from response headers: the token must only go to ARM itself.
 * @param {Step} step
 * @param {string} url
 * @param {Describe} describe
 */
export function checkArmUrl(step, url, describe) {
  if (new URL(url, ARM).origin !== ARM) {
    throw new ProvisionError('unexpected-response', `${describe(step)}: expected a URL on ${ARM}, found ${url}`, { status: step.httpStatus });
  }
}

/**
 * Sends the initial request and follows the operation with @azure/core-lro: Azure-AsyncOperation
 * (PUT and PATCH, then a final GET of the linker) or Location (DELETE, validateLinker),
 * Retry-After honoured. Bounded by `run.timeouts.operationMs`. Calls `onPoll` after each answer.
 * Resolves with `{ result, state }`; `state` is core-lro's final status.
 */
/**
 * @typedef {object} Operation
 * @property {Method} method
 * @property {string} path
 * @property {unknown} [body]
 * @property {number[]} expected
 * @property {'azure-async-operation' | 'location' | 'original-uri'} [resourceLocationConfig]
 * @property {(body: any) => void} [observe] reads each answer's body (ARM's JSON)
 * @property {() => void} onPoll
 * @property {Describe} describe
 */

/**
 * @param {Run} run
 * @param {Step} step
 * @param {Operation} operation
 * @returns {Promise<{ result: any, state: string | undefined }>}
 */
export async function longRunning(run, step, { method, path, body, expected, resourceLocationConfig, observe, onPoll, describe }) {
  const bound = deadline(run.timeouts.operationMs, run.signal);
  run.bounds.set(step, bound);
  /** @type {import('@azure/core-lro').RunningOperation<unknown>} */
  const lro = {
    sendInitialRequest: async () => {
      const response = await send(run, step, method, path, { body, signal: bound.signal });
      expectStatus(step, response, expected, describe);
      if (observe) observe(response.body);
      onPoll();
      return operationResponse(response, run.redact);
    },
    // The poller calls this for the polling URL and, for a PUT, the final GET. It passes no signal
    // to the final GET, so `send` always uses the step's own.
    sendPollRequest: async (/** @type {string} */ url) => {
      checkArmUrl(step, url, describe);
      const response = await send(run, step, 'GET', url, { signal: bound.signal });
      if (Number(response.status) >= 300) throw armError(step, response, `a 2xx answer to GET ${url}`, describe);
      step.polls += 1;
      if (observe) observe(response.body);
      onPoll();
      return operationResponse(response, run.redact);
    },
  };
  try {
    // resolveOnUnsuccessful: a failed operation resolves with its status body, so that the error
    // keeps ARM's code and message instead of core-lro's flattened text.
    const poller = createHttpPoller(lro, { intervalInMs: run.pollIntervalMs, resolveOnUnsuccessful: true, ...(resourceLocationConfig ? { resourceLocationConfig } : {}) });
    const result = await poller.pollUntilDone({ abortSignal: bound.signal });
    return { result: result ?? null, state: poller.operationState?.status };
  } finally {
    bound.dispose();
  }
}

/**
 * The @azure-rest response in the shape @azure/core-lro reads (numeric status, lower-case
 * headers), its body masked: core-lro logs a failed operation's error message.
 */
/**
 * @param {HttpResponse} response
 * @param {Redactor} redact
 * @returns {import('@azure/core-lro').OperationResponse<unknown>}
 */
function operationResponse(response, redact) {
  const body = redact.data(response.body);
  return {
    flatResponse: body,
    rawResponse: {
      statusCode: Number(response.status),
      request: { method: response.request.method, url: response.request.url },
      headers: response.headers,
      body,
    },
  };
}

/**
 * The `properties` of a linker body (a plan's body is always an object that has them).
 * @param {import('aks-service-connector').Value} body
 * @returns {import('aks-service-connector').Value | undefined}
 */
export function propertiesOf(body) {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? body.properties : undefined;
}

/**
 * At most 200 characters of a body, for messages.
 * @param {unknown} body
 * @returns {string}
 */
export function preview(body) {
  if (body === undefined || body === null || body === '') return 'an empty body';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** `{ subscription, resourceGroup, name }` of an ARM id `/subscriptions/s/resourceGroups/rg/providers/…/name`. */
/**
 * @param {string | null | undefined} id
 * @returns {{ subscription: string, resourceGroup: string, name: string } | null}
 */
export function parseId(id) {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/.+\/([^/]+)$/i.exec(id ?? '');
  return m ? { subscription: m[1], resourceGroup: m[2], name: m[3] } : null;
}
