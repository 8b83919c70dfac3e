// @ts-check
// One run of a shell function: its checked options, its client, its steps (each reported to
// `onStep` as a masked copy) and how it ends when something fails (a ProvisionError with the
// steps so far, a diagnosis, and no token or secret anywhere in it).
import { isServiceConnectorError, plan as planConnection, version } from 'aks-service-connector';
import { ProvisionError } from './errors.js';
import { Redactor } from './redact.js';
import { ARM, makeClient, parseId } from './arm.js';
import { DeadlineExceeded } from './wait.js';
import { diagnose } from './diagnose.js';

/**
 * @typedef {import('../provision.js').ProvisionStep} Step
 * @typedef {import('../provision.js').ProvisionWriteOptions} Options
 * @typedef {import('../provision.js').ProvisionTimeouts} ProvisionTimeouts
 * @typedef {import('aks-service-connector').Plan} Plan
 * @typedef {import('aks-service-connector').PlanContext} PlanContext
 * @typedef {import('aks-service-connector').ConnectionSpec} ConnectionSpec
 * @typedef {import('aks-service-connector').InitSource} InitSource
 * @typedef {import('@azure/core-auth').TokenCredential} TokenCredential
 * @typedef {import('@azure-rest/core-client').Client} Client
 * @typedef {import('./wait.js').Deadline} Deadline
 */

/**
 * One run of a shell function: what every step reads and adds to.
 * @typedef {object} Run
 * @property {Options} opts the checked options
 * @property {Step[]} steps
 * @property {AbortSignal | undefined} signal
 * @property {((step: Step) => void) | undefined} onStep
 * @property {Redactor} redact
 * @property {TokenCredential} credential the caller's, masking every token it hands out
 * @property {Plan | null} plan
 * @property {Client | null} client
 * @property {WeakMap<Step, Deadline>} bounds the deadline of each step that has one
 * @property {number} pollIntervalMs
 * @property {{ [K in keyof ProvisionTimeouts]-?: number }} timeouts
 * @property {InitSource | undefined} classifyWasm
 * @property {PlanContext | null} context
 * @property {string} [clusterId] the cluster of `listConnections`, which has no plan
 */

/**
 * What the diagnosis of a failure reads: ARM's text, or a category the shell found itself.
 * @typedef {{ text: string } | { category: string, facts: Record<string, string> }} DiagnosisInput
 */

/** Options every function takes. */
const COMMON_OPTIONS = ['credential', 'context', 'apiVersion', 'signal', 'pollIntervalMs', 'timeouts', 'onStep', 'clientOptions', 'classifyWasm'];

/** Default bounds of the waits, in milliseconds (the az CLI waits 300 s for a provider registration). */
export const DEFAULT_TIMEOUTS = Object.freeze({ providerRegistrationMs: 300_000, clusterReadyMs: 1_800_000, operationMs: 1_800_000 });

/** The linker api-version when no plan gives one: the plan's default (`ApiVersion::default` of the core). */
export const DEFAULT_LINKER_API_VERSION = '2024-07-01-preview';

/**
 * For an error the shell found itself (not an ARM answer), its category and the facts that fill
 * the category's commands: `explain` in the classifier module turns them into the diagnosis.
 */
/** @type {WeakMap<Error, { category: string, facts: Record<string, string> }>} */
const DIAGNOSIS_FACTS = new WeakMap();

/**
 * Attaches the known category and facts (entity values by name) to `error`, and returns it.
 * @template {Error} E
 * @param {E} error
 * @param {string} category
 * @param {Record<string, string>} [facts]
 * @returns {E}
 */
export function withDiagnosis(error, category, facts = {}) {
  DIAGNOSIS_FACTS.set(error, { category, facts });
  return error;
}

/**
 * Checks the options and makes the run: the credential is wrapped so that every token it hands
 * out is masked wherever it could appear. `extra` names the options this function adds.
 */
/**
 * @param {unknown} options
 * @param {string[]} [extra]
 * @returns {Run}
 */
export function startRun(options, extra = []) {
  const opts = checkOptions(options, [...COMMON_OPTIONS, ...extra]);
  const redact = new Redactor();
  /** @type {TokenCredential} */
  const credential = {
    getToken: async (scopes, getTokenOptions) => {
      const token = await opts.credential.getToken(scopes, /** @type {import('../provision.js').GetTokenOptions} */ (getTokenOptions));
      redact.add(token?.token);
      return token;
    },
  };
  /** @type {Run} */
  const run = {
    opts,
    steps: [],
    signal: opts.signal,
    onStep: opts.onStep,
    redact,
    credential,
    plan: null,
    client: null,
    bounds: new WeakMap(),
    pollIntervalMs: opts.pollIntervalMs ?? 2000,
    // checkOptions dropped the undefined ones.
    timeouts: /** @type {Run['timeouts']} */ ({ ...DEFAULT_TIMEOUTS, ...opts.timeouts }),
    classifyWasm: opts.classifyWasm,
    context: opts.apiVersion === undefined ? (opts.context ?? null) : { ...opts.context, apiVersion: opts.apiVersion },
  };
  if (opts.signal?.aborted) {
    throw new ProvisionError('aborted', 'aborted before any request was sent', { cause: redact.cause(opts.signal.reason) });
  }
  return run;
}

/**
 * Makes the run's client for the linker api-version `apiVersion`.
 * @param {Run} run
 * @param {string} apiVersion
 */
export function connect(run, apiVersion) {
  const clientOptions = run.opts.clientOptions ?? {};
  if (clientOptions.apiVersion !== undefined && clientOptions.apiVersion !== apiVersion) {
    // The plan's bodies are written for its api-version: another one must come through the plan.
    throw new ProvisionError('invalid-input',
      `expected clientOptions.apiVersion to be left out or ${apiVersion} (the plan's), found ${clientOptions.apiVersion}; set options.apiVersion instead`,
      { field: 'options.clientOptions.apiVersion' });
  }
  run.client = makeClient(run.credential, clientOptions, apiVersion, `aks-service-connector/${version()}`);
}

/**
 * Plans `spec` with `context`; fails with the core's error, or `incomplete-request` when a
 * request still holds placeholders in what `needs` (`path`, `body`, or `body` except the listed
 * fields, which a later step fills). Remembers the plan's secret values for masking.
 */
/**
 * @param {Run} run
 * @param {ConnectionSpec} spec
 * @param {PlanContext | null | undefined} context
 * @param {'path' | 'body'} needs
 * @param {string[]} [fillLater]
 * @returns {Plan}
 */
export function planRun(run, spec, context, needs, fillLater = []) {
  let planned;
  try {
    planned = planConnection(spec, context ?? null);
  } catch (e) {
    if (isServiceConnectorError(e)) {
      // invalid-spec / invalid-input from the core, as they are: same message, field and findings.
      // Its codes are the core's ('invalid-spec', 'invalid-input', …), all of them codes of this module too.
      throw new ProvisionError(/** @type {import('../provision.js').ProvisionErrorCode} */ (e.code), e.message, { field: e.field, findings: e.findings, cause: e });
    }
    // In browsers the module must be loaded first (`await init()`), as for every function.
    throw new ProvisionError('internal', `plan() failed: ${messageOf(e)}; in browsers, call \`await init()\` from 'aks-service-connector' first`, { cause: e });
  }
  for (const request of planned.requests) {
    run.redact.addRequestSecrets(request);
    const missing = needs === 'path'
      ? request.missing.filter((f) => request.path.includes(`<${f}>`))
      : request.missing.filter((f) => !fillLater.includes(f));
    if (missing.length > 0 || (needs === 'body' && fillLater.length === 0 && !request.complete)) {
      throw new ProvisionError('incomplete-request',
        `linker ${request.linker}: expected values for ${missing.join(', ') || 'every placeholder'}, found placeholders in the ARM request; nothing was sent`,
        { field: missing[0] ?? 'requests', missing, findings: planned.findings });
    }
  }
  run.plan = planned;
  return planned;
}

/**
 * The options, checked: each known, of its type, none `undefined`.
 * @param {unknown} options
 * @param {string[]} names
 * @returns {Options}
 */
function checkOptions(options, names) {
  /** @type {(field: string, message: string) => ProvisionError} */
  const bad = (field, message) => new ProvisionError('invalid-input', message, { field });
  if (options === null || typeof options !== 'object') {
    throw bad('options', `expected an options object with a credential, found ${kind(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!names.includes(key)) {
      throw bad(`options.${key}`, `unknown option \`${key}\`; expected one of ${names.join(', ')}`);
    }
  }
  // Checked field by field below; until then the types only say what each should be.
  const o = /** @type {Options} */ (Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)));
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
  if (o.pollIntervalMs !== undefined && !isMs(o.pollIntervalMs)) {
    throw bad('options.pollIntervalMs', `expected a number of milliseconds >= 0, found ${kind(o.pollIntervalMs)}`);
  }
  if (o.timeouts !== undefined) {
    if (o.timeouts === null || typeof o.timeouts !== 'object') throw bad('options.timeouts', `expected an object of timeouts in milliseconds, found ${kind(o.timeouts)}`);
    for (const [key, value] of Object.entries(o.timeouts)) {
      if (!(key in DEFAULT_TIMEOUTS)) {
        throw bad(`options.timeouts.${key}`, `unknown timeout \`${key}\`; expected one of ${Object.keys(DEFAULT_TIMEOUTS).join(', ')}`);
      }
      if (value !== undefined && !isMs(value)) throw bad(`options.timeouts.${key}`, `expected a number of milliseconds >= 0, found ${kind(value)}`);
    }
    o.timeouts = Object.fromEntries(Object.entries(o.timeouts).filter(([, v]) => v !== undefined));
  }
  if (o.onStep !== undefined && typeof o.onStep !== 'function') {
    throw bad('options.onStep', `expected a function, found ${kind(o.onStep)}`);
  }
  if (o.dryRun !== undefined && typeof o.dryRun !== 'boolean') {
    throw bad('options.dryRun', `expected true or false, found ${kind(o.dryRun)}`);
  }
  if (o.clientOptions !== undefined && (o.clientOptions === null || typeof o.clientOptions !== 'object')) {
    throw bad('options.clientOptions', `expected an object of @azure-rest/core-client options, found ${kind(o.clientOptions)}`);
  }
  for (const key of /** @type {const} */ (['endpoint', 'baseUrl'])) {
    // The plan's paths are ARM's (public cloud), and the token is only sent there.
    const value = o.clientOptions?.[key];
    if (value !== undefined && value !== ARM) {
      throw bad(`options.clientOptions.${key}`, `expected ${key} to be left out or ${ARM}, found ${value}`);
    }
  }
  return o;
}

/** @type {(v: unknown) => boolean} */
const isMs = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * The message of a thrown value, whatever was thrown.
 * @param {unknown} e
 * @returns {string}
 */
export function messageOf(e) {
  return e instanceof Error ? e.message : String(/** @type {{ message?: unknown }} */ (e)?.message ?? e);
}

// ---- steps -------------------------------------------------------------------------------------

/**
 * Starts a step and reports it. `fields` sets the request fields of a step that sends one request.
 * @param {Run} run
 * @param {Step['action']} action
 * @param {string} message
 * @param {Partial<Step>} [fields]
 * @returns {Step}
 */
export function begin(run, action, message, fields = {}) {
  /** @type {Step} */
  const step = {
    action, status: 'running', message,
    linker: null, method: null, path: null, url: null,
    httpStatus: null, operationStatus: null, requestId: null, correlationId: null, error: null,
    polls: 0, data: null,
    ...fields,
  };
  run.steps.push(step);
  report(run, step);
  return step;
}

/**
 * Ends a step (`succeeded` or `skipped`) and reports it.
 * @param {Run} run
 * @param {Step} step
 * @param {Step['status']} [status]
 * @param {string} [message]
 */
export function finish(run, step, status = 'succeeded', message = undefined) {
  step.status = status;
  if (message !== undefined) step.message = message;
  report(run, step);
}

/**
 * Hands a masked copy of the step to `onStep` (a copy, so that later changes do not reach it).
 * @param {Run} run
 * @param {Step} step
 */
export function report(run, step) {
  if (!run.onStep) return;
  try {
    run.onStep(run.redact.data(step));
  } catch (e) {
    throw new ProvisionError('invalid-input', `options.onStep threw: ${messageOf(e)}`, { field: 'options.onStep', cause: e });
  }
}

/**
 * Marks the step failed (or aborted) and returns the error to throw, always a ProvisionError:
 * the caller's signal means `aborted`, a step's own deadline `timeout`, anything else without an
 * answer `request-failed`.
 */
/**
 * @param {Run} run
 * @param {Step} step
 * @param {unknown} e
 * @param {(step: Step) => string} describe
 * @returns {ProvisionError}
 */
export function fail(run, step, e, describe) {
  let error = /** @type {ProvisionError} */ (e);
  const expired = run.bounds.get(step)?.expired() || e instanceof DeadlineExceeded;
  if (!(e instanceof ProvisionError) || (run.signal?.aborted && e.code !== 'aborted')) {
    if (run.signal?.aborted) {
      error = new ProvisionError('aborted',
        `aborted during ${describe(step)}; an operation ARM already accepted may still finish in Azure`,
        { cause: run.signal?.reason ?? e });
    } else if (expired) {
      const ms = run.bounds.get(step)?.ms ?? /** @type {DeadlineExceeded} */ (e).ms;
      error = new ProvisionError('timeout', `${describe(step)}: expected an end within ${ms} ms, found none; the operation may still finish in Azure`, { cause: e });
    } else {
      // Network, credential and parse failures: the SDK's error is the cause, the message says where.
      error = new ProvisionError('request-failed', `${describe(step)}: expected an answer from ARM, found an error: ${messageOf(e)}`, { cause: e });
    }
  }
  if (step.status === 'running' || step.status === 'waiting') {
    step.status = error.code === 'aborted' ? 'aborted' : 'failed';
    if (error.armCode || error.armMessage) step.error = { code: error.armCode, message: error.armMessage };
    try {
      report(run, step);
    } catch {
      // The step failed already; the callback's own error must not hide why.
    }
  }
  error.step ??= step;
  return error;
}

/**
 * The error a run ends with: a ProvisionError with the steps so far, a diagnosis when there is
 * something to diagnose (the classifier is loaded only now), and every known secret masked in
 * its message, ARM message, steps, diagnosis and cause.
 */
/**
 * @param {Run} run
 * @param {unknown} e
 * @param {{ extension?: import('../provision.js').ExtensionState | null }} [options]
 * @returns {Promise<ProvisionError>}
 */
export async function conclude(run, e, { extension = null } = {}) {
  const error = e instanceof ProvisionError
    ? e
    : new ProvisionError('internal', `unexpected failure: ${messageOf(e)}`, { cause: e });
  const known = DIAGNOSIS_FACTS.get(error);
  const text = known ? null : armText(error, extension);
  if ((known || text) && !['aborted', 'invalid-input', 'invalid-spec', 'incomplete-request', 'internal'].includes(error.code)) {
    error.diagnosis = await diagnose(run, known ?? { text: run.redact.text(text ?? '') }, classifyContext(run));
  }
  // A step the failure interrupted before it could say so (a throwing onStep, say) ends with the run.
  for (const step of run.steps) {
    if (step.status === 'running' || step.status === 'waiting') step.status = error.code === 'aborted' ? 'aborted' : 'failed';
  }
  error.extension = extension && run.redact.data(extension);
  error.message = run.redact.text(error.message);
  error.armMessage = run.redact.text(error.armMessage);
  error.diagnosis = error.diagnosis && run.redact.data(error.diagnosis);
  error.step = error.step && run.redact.data(error.step);
  error.steps = run.steps.map((s) => run.redact.data(s));
  Object.defineProperty(error, 'cause', { value: run.redact.cause(error.cause), writable: true, configurable: true, enumerable: false });
  return error;
}

/**
 * What an ARM error says, as the az CLI prints it, plus the extension's statuses.
 * @param {ProvisionError} error
 * @param {import('../provision.js').ExtensionState | null} extension
 * @returns {string | null}
 */
function armText(error, extension) {
  const lines = [];
  if (error.armCode || error.armMessage) lines.push(`(${error.armCode ?? 'Error'}) ${error.armMessage ?? ''}`.trim(), `Code: ${error.armCode ?? ''}`, `Message: ${error.armMessage ?? ''}`);
  if (extension) lines.push(JSON.stringify(extension));
  return lines.length > 0 ? lines.join('\n') : null;
}

/**
 * The classifier's context: the cluster's names and the connection's, where the plan knows them.
 * @param {Run} run
 * @returns {import('aks-service-connector/classify').ClassifyContext}
 */
function classifyContext(run) {
  /** @type {import('aks-service-connector/classify').ClassifyContext} */
  const context = {};
  const cluster = parseId(run.plan?.clusterId ?? run.clusterId);
  /** @type {(v: string | null | undefined) => v is string} */
  const known = (v) => typeof v === 'string' && v !== '' && !v.includes('<');
  if (known(cluster?.resourceGroup)) context.resourceGroup = cluster.resourceGroup;
  if (known(cluster?.name)) context.cluster = cluster.name;
  if (known(run.plan?.namespace)) context.namespace = run.plan.namespace;
  if (known(run.plan?.connectionName)) context.connection = run.plan.connectionName;
  return context;
}

/**
 * What a value is, for messages (`nothing`, `null`, `an array`, `string "x"`, …).
 * @param {unknown} value
 * @returns {string}
 */
export function kind(value) {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object without the expected fields';
  return `${typeof value} ${JSON.stringify(value) ?? String(value)}`.trim();
}
