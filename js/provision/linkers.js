// @ts-check
// The Microsoft.ServiceLinker requests of a connection: create (PUT), update (PATCH), validate,
// list configurations, delete, and the list of a cluster's linkers. Each request is one step.
import { ARM, checkArmUrl, errorOf, expectStatus, longRunning, preview, propertiesOf, send } from './arm.js';
import { ProvisionError } from './errors.js';
import { begin, fail, finish, report } from './run.js';

/**
 * @typedef {import('./run.js').Run} Run
 * @typedef {import('./run.js').Step} Step
 * @typedef {import('./arm.js').Method} Method
 * @typedef {import('aks-service-connector').ArmRequest} ArmRequest
 * @typedef {import('../provision.js').LinkerResource} LinkerResource
 * @typedef {import('../provision.js').SourceConfiguration} SourceConfiguration
 */

/** @type {Partial<Record<Step['action'], string>>} */
const WHAT = {
  create: 'create', update: 'update', validate: 'validation', listConfigurations: 'configuration list',
  configurations: 'configuration list', delete: 'delete', listConnections: 'linker list',
};

/** `create of linker x (PUT /subscriptions/…)`: how errors name the request. */
/**
 * @param {Step} step
 * @returns {string}
 */
export function describe(step) {
  return step.linker
    ? `${WHAT[step.action]} of linker ${step.linker} (${step.method} ${step.path})`
    : `${WHAT[step.action] ?? step.message} (${step.method} ${step.path})`;
}

/**
 * @param {Run} run
 * @param {Step['action']} action
 * @param {ArmRequest} request
 * @param {Method} method
 * @param {string} path
 * @returns {Step}
 */
function beginRequest(run, action, request, method, path) {
  return begin(run, action, `${WHAT[action]} of linker ${request.linker}`, {
    linker: request.linker, method, path, url: `${ARM}${path}?api-version=${request.apiVersion}`,
  });
}

/**
 * Sends a linker's long-running request (PUT, PATCH, POST validateLinker, DELETE) and follows it,
 * reporting each poll. Resolves with the final resource (or report); rejects with
 * `operation-failed` when the operation ends `Failed` or `Canceled`.
 */
/**
 * @param {Run} run
 * @param {ArmRequest} request
 * @param {{ action: Step['action'], method: Method, path: string, body?: unknown, expected: number[], resourceLocationConfig: 'azure-async-operation' | 'location' }} operation
 * @returns {Promise<any>} the final resource or report (ARM's JSON)
 */
export async function linkerOperation(run, request, { action, method, path, body, expected, resourceLocationConfig }) {
  const step = beginRequest(run, action, request, method, path);
  // A validation's last answer is its report (its `status` is the verdict, not the operation's).
  const observe = action === 'validate' ? undefined : (/** @type {any} */ answer) => {
    const status = answer?.status ?? answer?.properties?.provisioningState;
    if (typeof status === 'string') step.operationStatus = status;
  };
  let outcome;
  try {
    outcome = await longRunning(run, step, {
      method, path, body, expected, resourceLocationConfig, describe,
      onPoll: () => report(run, step),
      ...(observe ? { observe } : {}),
    });
  } catch (e) {
    throw fail(run, step, e, describe);
  }
  if (outcome.state !== 'succeeded') {
    const { result } = outcome;
    const { code, message } = errorOf(result?.error ? result : result?.properties);
    const found = [step.operationStatus ?? outcome.state, [code, message].filter(Boolean).join(': ')].filter(Boolean).join(' ');
    throw fail(run, step, new ProvisionError('operation-failed',
      `${describe(step)}: expected the operation to succeed, found ${found}`,
      { status: step.httpStatus, armCode: code, armMessage: message }), describe);
  }
  finish(run, step);
  return outcome.result;
}

/**
 * PUT of the plan's body (create or replace).
 * @param {Run} run
 * @param {ArmRequest} request
 * @returns {Promise<LinkerResource>}
 */
export function createLinker(run, request) {
  return linkerOperation(run, request, {
    action: 'create', method: 'PUT', path: request.path, body: request.body,
    expected: [200, 201], resourceLocationConfig: 'azure-async-operation',
  });
}

/**
 * PATCH with the plan's properties (`LinkerPatch`: the linker must exist).
 * @param {Run} run
 * @param {ArmRequest} request
 * @returns {Promise<LinkerResource>}
 */
export function updateLinker(run, request) {
  return linkerOperation(run, request, {
    action: 'update', method: 'PATCH', path: request.path, body: { properties: propertiesOf(request.body) },
    expected: [200, 201, 202], resourceLocationConfig: 'azure-async-operation',
  });
}

/**
 * `POST …/listConfigurations` of one linker: `[{ name, value, configType, … }]`.
 * @param {Run} run
 * @param {ArmRequest} request
 * @param {'listConfigurations' | 'configurations'} [action]
 * @returns {Promise<SourceConfiguration[]>}
 */
export async function linkerConfigurations(run, request, action = 'listConfigurations') {
  const path = `${request.path}/listConfigurations`;
  const step = beginRequest(run, action, request, 'POST', path);
  try {
    const response = await send(run, step, 'POST', path);
    expectStatus(step, response, [200], describe);
    const list = response.body?.configurations;
    if (!Array.isArray(list)) {
      throw new ProvisionError('unexpected-response', `${describe(step)}: expected a body with a configurations array, found ${preview(response.body)}`, { status: step.httpStatus });
    }
    finish(run, step);
    return list;
  } catch (e) {
    throw fail(run, step, e, describe);
  }
}

/**
 * Every linker on the resource `sourceId` (`GET …/providers/Microsoft.ServiceLinker/linkers`), all pages.
 * @param {Run} run
 * @param {string} sourceId
 * @param {string} apiVersion
 * @returns {Promise<LinkerResource[]>}
 */
export async function listLinkers(run, sourceId, apiVersion) {
  const path = `${sourceId}/providers/Microsoft.ServiceLinker/linkers`;
  const step = begin(run, 'listConnections', `list the connections of ${sourceId.split('/').pop()}`, {
    method: 'GET', path, url: `${ARM}${path}?api-version=${apiVersion}`,
  });
  /** @type {LinkerResource[]} */
  const linkers = [];
  try {
    /** @type {string | null} */
    let next = path;
    for (let page = 0; next; page += 1) {
      if (page === 100) throw new ProvisionError('unexpected-response', `${describe(step)}: expected at most 100 pages, found more`);
      const response = await send(run, step, 'GET', next);
      expectStatus(step, response, [200], describe);
      const value = response.body?.value;
      if (!Array.isArray(value)) {
        throw new ProvisionError('unexpected-response', `${describe(step)}: expected a body with a value array, found ${preview(response.body)}`, { status: step.httpStatus });
      }
      linkers.push(...value);
      next = response.body.nextLink ?? null;
      if (next) {
        // Like polling URLs, a next link comes from the answer: the token goes to ARM only.
        checkArmUrl(step, next, describe);
        step.polls += 1;
        report(run, step);
      }
    }
  } catch (e) {
    throw fail(run, step, e, describe);
  }
  finish(run, step, 'succeeded', `${linkers.length} connection(s)`);
  return linkers;
}
