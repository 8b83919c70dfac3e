// aks-service-connector/provision: the thin shell that sends a connection's ARM requests through the
// official Azure SDK for JavaScript, in Node and in browsers. The core decides what to send
// (`plan()` returns each linker's path and body for the chosen api-version); this module only sends
// it, follows the long-running operations and reports every step. It never builds a body itself.
//
// Why @azure-rest/core-client + @azure/core-lro and not @azure/arm-servicelinker: that package speaks
// only api-version 2022-05-01 and its serializer drops newer fields (toolchain.md §8).
import { getClient } from '@azure-rest/core-client';
import { createHttpPoller } from '@azure/core-lro';
import { isServiceConnectorError, plan as planConnection, version } from 'aks-service-connector';

const ARM = 'https://management.azure.com';
const ARM_SCOPE = `${ARM}/.default`;
const OPTION_NAMES = ['credential', 'context', 'apiVersion', 'signal', 'pollIntervalMs', 'onStep', 'clientOptions'];

/** The error every function of this module throws: a stable `code` to branch on, and the context. */
export class ProvisionError extends Error {
  constructor(code, message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    // AbortError is what callers of fetch-like APIs test for; the code says the same.
    this.name = code === 'aborted' ? 'AbortError' : 'ProvisionError';
    this.code = code;
    this.field = details.field ?? null;
    this.findings = details.findings ?? [];
    this.missing = details.missing ?? [];
    this.status = details.status ?? null;
    this.armCode = details.armCode ?? null;
    this.armMessage = details.armMessage ?? null;
    this.step = details.step ?? null;
    this.steps = details.steps ?? [];
  }
}

/** True when `e` was thrown by this module. */
export function isProvisionError(e) {
  return e instanceof ProvisionError;
}

/**
 * Creates (or updates) the connection: plans it, then PUTs each linker of the plan (one, or two for
 * confluent-cloud) and follows its async operation to the final GET of the linker.
 */
export async function provision(spec, options) {
  const run = start(spec, options, 'body');
  const linkers = [];
  for (const request of run.plan.requests) {
    linkers.push(await longRunning(run, request, {
      action: 'create', method: 'PUT', path: request.path, body: request.body,
      expected: [200, 201], resourceLocationConfig: 'azure-async-operation',
    }));
  }
  return { plan: run.plan, linkers, steps: run.steps };
}

/** Asks Service Connector to validate each linker (`POST …/validateLinker`, long-running). */
export async function validateConnection(spec, options) {
  const run = start(spec, options, 'path');
  const validations = [];
  for (const request of run.plan.requests) {
    validations.push(await longRunning(run, request, {
      action: 'validate', method: 'POST', path: `${request.path}/validateLinker`,
      expected: [200, 202], resourceLocationConfig: 'location',
    }));
  }
  return { plan: run.plan, validations, steps: run.steps };
}

/**
 * Lists the configuration names (and non-secret values) each linker writes (`POST …/listConfigurations`).
 * On AKS, credential values come back as empty strings.
 */
export async function listConfigurations(spec, options) {
  const run = start(spec, options, 'path');
  const configurations = [];
  for (const request of run.plan.requests) {
    const step = begin(run, 'listConfigurations', request, 'POST', `${request.path}/listConfigurations`);
    try {
      report(run, step);
      const response = await send(run, step, 'POST', step.path);
      acceptInitial(step, response, [200]);
      const list = response.body?.configurations;
      if (!Array.isArray(list)) {
        throw new ProvisionError('unexpected-response', `${describe(step)}: expected a body with a configurations array, found ${preview(response.body)}`, { status: step.httpStatus });
      }
      configurations.push({ linker: request.linker, configurations: list });
      finish(run, step);
    } catch (e) {
      throw failure(run, step, e);
    }
  }
  return { plan: run.plan, configurations, steps: run.steps };
}

/**
 * Deletes each linker of the connection (`DELETE`, long-running). Kubernetes objects stay in the
 * cluster: the plan's `cleanup` lists the commands that remove them.
 */
export async function deleteConnection(spec, options) {
  const run = start(spec, options, 'path');
  for (const request of run.plan.requests) {
    await longRunning(run, request, {
      action: 'delete', method: 'DELETE', path: request.path,
      expected: [200, 202, 204], resourceLocationConfig: 'location',
    });
  }
  return { plan: run.plan, steps: run.steps };
}

// ---- one run: options, plan, client ------------------------------------------------------------

/**
 * Checks the options, plans the connection and makes the client. `needs` is `body` when the
 * requests are sent as planned (every placeholder must be filled), `path` when only the linker's
 * path is used (validate, list, delete).
 */
function start(spec, options, needs) {
  const opts = checkOptions(options);
  const run = { steps: [], signal: opts.signal, onStep: opts.onStep, plan: null, client: null };
  if (opts.signal?.aborted) {
    throw new ProvisionError('aborted', 'aborted before any request was sent', { cause: opts.signal.reason });
  }
  const context = opts.apiVersion === undefined ? opts.context : { ...opts.context, apiVersion: opts.apiVersion };
  try {
    run.plan = planConnection(spec, context ?? null);
  } catch (e) {
    if (isServiceConnectorError(e)) {
      // invalid-spec / invalid-input from the core, as they are: same message, field and findings.
      throw new ProvisionError(e.code, e.message, { field: e.field, findings: e.findings, cause: e });
    }
    // In browsers the module must be loaded first (`await init()`), as for every function.
    throw new ProvisionError('internal', `plan() failed: ${e?.message ?? e}; in browsers, call \`await init()\` from 'aks-service-connector' first`, { cause: e });
  }
  for (const request of run.plan.requests) {
    const missing = needs === 'body'
      ? (request.complete ? [] : request.missing)
      : request.missing.filter((f) => request.path.includes(`<${f}>`));
    if (missing.length > 0 || (needs === 'body' && !request.complete)) {
      throw new ProvisionError('incomplete-request',
        `linker ${request.linker}: expected values for ${missing.join(', ') || 'every placeholder'}, found placeholders in the ARM request; nothing was sent`,
        { field: missing[0] ?? 'requests', missing, findings: run.plan.findings });
    }
  }
  const clientOptions = opts.clientOptions ?? {};
  if (clientOptions.apiVersion !== undefined && clientOptions.apiVersion !== run.plan.apiVersion) {
    // The plan's bodies are written for its api-version: another one must come through the plan.
    throw new ProvisionError('invalid-input',
      `expected clientOptions.apiVersion to be left out or ${run.plan.apiVersion} (the plan's), found ${clientOptions.apiVersion}; set options.apiVersion instead`,
      { field: 'options.clientOptions.apiVersion' });
  }
  const prefix = clientOptions.userAgentOptions?.userAgentPrefix;
  run.client = getClient(ARM, opts.credential, {
    ...clientOptions,
    apiVersion: run.plan.apiVersion,
    credentials: { scopes: [ARM_SCOPE], ...clientOptions.credentials },
    userAgentOptions: {
      ...clientOptions.userAgentOptions,
      userAgentPrefix: [prefix, `aks-service-connector/${version()}`].filter(Boolean).join(' '),
    },
  });
  run.pollIntervalMs = opts.pollIntervalMs ?? 2000;
  return run;
}

function checkOptions(options) {
  const bad = (field, message) => new ProvisionError('invalid-input', message, { field });
  if (options === null || typeof options !== 'object') {
    throw bad('options', `expected an options object with a credential, found ${kind(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) {
      throw bad(`options.${key}`, `unknown option \`${key}\`; expected one of ${OPTION_NAMES.join(', ')}`);
    }
  }
  const o = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  if (typeof o.credential?.getToken !== 'function') {
    throw bad('options.credential', `expected a TokenCredential (an object with getToken), found ${kind(o.credential)}`);
  }
  if (o.context !== undefined && o.context !== null && typeof o.context !== 'object') {
    throw bad('options.context', `expected a PlanContext object, found ${kind(o.context)}`);
  }
  if (o.apiVersion !== undefined) {
    if (typeof o.apiVersion !== 'string') throw bad('options.apiVersion', `expected an api-version string, found ${kind(o.apiVersion)}`);
    const other = o.context?.apiVersion;
    if (other !== undefined && other !== o.apiVersion) {
      throw bad('options.apiVersion', `expected the same api-version as context.apiVersion (${other}), found ${o.apiVersion}`);
    }
  }
  if (o.signal !== undefined && (typeof o.signal !== 'object' || typeof o.signal.aborted !== 'boolean' || typeof o.signal.addEventListener !== 'function')) {
    throw bad('options.signal', `expected an AbortSignal, found ${kind(o.signal)}`);
  }
  if (o.pollIntervalMs !== undefined && !(typeof o.pollIntervalMs === 'number' && Number.isFinite(o.pollIntervalMs) && o.pollIntervalMs >= 0)) {
    throw bad('options.pollIntervalMs', `expected a number of milliseconds >= 0, found ${kind(o.pollIntervalMs)}`);
  }
  if (o.onStep !== undefined && typeof o.onStep !== 'function') {
    throw bad('options.onStep', `expected a function, found ${kind(o.onStep)}`);
  }
  if (o.clientOptions !== undefined && (o.clientOptions === null || typeof o.clientOptions !== 'object')) {
    throw bad('options.clientOptions', `expected an object of @azure-rest/core-client options, found ${kind(o.clientOptions)}`);
  }
  for (const key of ['endpoint', 'baseUrl']) {
    // The plan's paths are ARM's (public cloud), and the token is only sent there.
    const value = o.clientOptions?.[key];
    if (value !== undefined && value !== ARM) {
      throw bad(`options.clientOptions.${key}`, `expected ${key} to be left out or ${ARM}, found ${value}`);
    }
  }
  return o;
}

// ---- steps -------------------------------------------------------------------------------------

function begin(run, action, request, method, path) {
  const step = {
    action, linker: request.linker, method, path,
    url: `${ARM}${path}?api-version=${request.apiVersion}`,
    status: 'running', httpStatus: null, operationStatus: null, requestId: null, correlationId: null, error: null,
  };
  run.steps.push(step);
  return step;
}

function finish(run, step) {
  step.status = 'succeeded';
  report(run, step);
}

/** Hands a copy of the step to `onStep` (a copy, so that later changes do not reach it). */
function report(run, step) {
  if (!run.onStep) return;
  try {
    run.onStep({ ...step, error: step.error && { ...step.error } });
  } catch (e) {
    throw new ProvisionError('invalid-input', `options.onStep threw: ${e?.message ?? e}`, { field: 'options.onStep', cause: e });
  }
}

/** Marks the step failed (or aborted) and returns the error to throw, always a ProvisionError. */
function failure(run, step, e) {
  let error = e;
  if (!(e instanceof ProvisionError) || (run.signal?.aborted && e.code !== 'aborted')) {
    // Only the caller's signal means "aborted"; an SDK timeout is an AbortError too, but a failure.
    if (run.signal?.aborted) {
      error = new ProvisionError('aborted',
        `aborted during ${describe(step)}; an operation ARM already accepted may still finish in Azure`,
        { cause: run.signal?.reason ?? e });
    } else {
      // Network, credential and parse failures: the SDK's error is the cause, the message says where.
      error = new ProvisionError('request-failed', `${describe(step)}: expected an answer from ARM, found an error: ${e?.message ?? e}`, { cause: e });
    }
  }
  if (step.status === 'running') {
    step.status = error.code === 'aborted' ? 'aborted' : 'failed';
    if (error.armCode || error.armMessage) step.error = { code: error.armCode, message: error.armMessage };
    try {
      report(run, step);
    } catch {
      // The step failed already; the callback's own error must not hide why.
    }
  }
  error.step ??= { ...step };
  error.steps = run.steps.map((s) => ({ ...s }));
  return error;
}

function describe(step) {
  const what = { create: 'create', validate: 'validation', listConfigurations: 'configuration list', delete: 'delete' }[step.action];
  return `${what} of linker ${step.linker} (${step.method} ${step.path})`;
}

// ---- HTTP --------------------------------------------------------------------------------------

/** Sends one request through the SDK pipeline (token, retries, the caller's policies). */
async function send(run, step, method, urlOrPath, body) {
  const request = { abortSignal: run.signal };
  if (body !== undefined) request.body = body;
  const resource = run.client.pathUnchecked(urlOrPath);
  const response = await resource[method.toLowerCase()](request);
  // Kept from the first response of the step: what ARM support asks for.
  step.requestId ??= response.headers['x-ms-request-id'] ?? null;
  step.correlationId ??= response.headers['x-ms-correlation-request-id'] ?? null;
  return response;
}

/** Throws `arm-error` unless the initial response has one of the `expected` statuses. */
function acceptInitial(step, response, expected) {
  step.httpStatus = Number(response.status);
  if (!expected.includes(step.httpStatus)) throw armError(step, response, `${expected.join(' or ')}`);
}

function armError(step, response, expected) {
  const status = Number(response.status);
  const { code, message } = errorOf(response.body);
  const found = code || message ? `${status} ${[code, message].filter(Boolean).join(': ')}` : `${status} ${preview(response.body)}`;
  return new ProvisionError('arm-error', `${describe(step)}: expected ${expected}, found ${found}`,
    { status, armCode: code, armMessage: message });
}

/** ARM's error body is `{ error: { code, message } }`; a few providers put code and message at the top. */
function errorOf(body) {
  const e = body && typeof body === 'object' ? (body.error ?? body) : null;
  return {
    code: typeof e?.code === 'string' ? e.code : null,
    message: typeof e?.message === 'string' ? e.message : null,
  };
}

/**
 * Sends the initial request and follows the operation with @azure/core-lro: Azure-AsyncOperation
 * (PUT, then a final GET of the linker) or Location (DELETE, validateLinker), Retry-After honoured.
 */
async function longRunning(run, request, { action, method, path, body, expected, resourceLocationConfig }) {
  const step = begin(run, action, request, method, path);
  const lro = {
    sendInitialRequest: async () => {
      const response = await send(run, step, method, path, body);
      acceptInitial(step, response, expected);
      if (action !== 'validate') observe(run, step, response.body);
      return operationResponse(response);
    },
    // The poller calls this for the polling URL and, for a PUT, the final GET. It passes no signal
    // to the final GET, so `send` always uses the run's own.
    sendPollRequest: async (url) => {
      // Polling URLs come from response headers; the token must only go to ARM itself.
      if (new URL(url, ARM).origin !== ARM) {
        throw new ProvisionError('unexpected-response', `${describe(step)}: expected a polling URL on ${ARM}, found ${url}`, { status: step.httpStatus });
      }
      const response = await send(run, step, 'GET', url);
      if (Number(response.status) >= 300) throw armError(step, response, `a 2xx answer to GET ${url}`);
      // A validation's last answer is its report (its `status` is the verdict, not the operation's).
      if (action !== 'validate') observe(run, step, response.body);
      return operationResponse(response);
    },
  };
  let result;
  let poller;
  try {
    report(run, step);
    // resolveOnUnsuccessful: a failed operation resolves with its status body, so that the error
    // keeps ARM's code and message instead of core-lro's flattened text.
    poller = createHttpPoller(lro, { intervalInMs: run.pollIntervalMs, resourceLocationConfig, resolveOnUnsuccessful: true });
    result = await poller.pollUntilDone({ abortSignal: run.signal });
  } catch (e) {
    throw failure(run, step, e);
  }
  const state = poller.operationState?.status;
  if (state !== 'succeeded') {
    const { code, message } = errorOf(result?.error ? result : result?.properties);
    const found = [step.operationStatus ?? state, [code, message].filter(Boolean).join(': ')].filter(Boolean).join(' ');
    throw failure(run, step, new ProvisionError('operation-failed',
      `${describe(step)}: expected the operation to succeed, found ${found}`,
      { status: step.httpStatus, armCode: code, armMessage: message }));
  }
  finish(run, step);
  return result ?? null;
}

/** Records the operation's own status (`InProgress`, `Succeeded`, …, or the resource's provisioningState). */
function observe(run, step, body) {
  const status = body?.status ?? body?.properties?.provisioningState;
  if (typeof status === 'string' && status !== step.operationStatus) {
    step.operationStatus = status;
    report(run, step);
  }
}

/** The @azure-rest response in the shape @azure/core-lro reads (numeric status, lower-case headers). */
function operationResponse(response) {
  return {
    flatResponse: response.body,
    rawResponse: {
      statusCode: Number(response.status),
      request: { method: response.request.method, url: response.request.url },
      headers: response.headers,
      body: response.body,
    },
  };
}

function kind(value) {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object without the expected fields';
  return `${typeof value} ${JSON.stringify(value) ?? String(value)}`.trim();
}

function preview(body) {
  if (body === undefined || body === null || body === '') return 'an empty body';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
