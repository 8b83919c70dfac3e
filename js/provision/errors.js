// @ts-check
// The one error type of aks-service-connector/provision.

/**
 * @typedef {import('../provision.js').ProvisionErrorCode} ProvisionErrorCode
 * @typedef {import('../provision.js').ProvisionStep} ProvisionStep
 * @typedef {import('../provision.js').ProvisionDiagnosis} ProvisionDiagnosis
 * @typedef {import('../provision.js').ExtensionState} ExtensionState
 * @typedef {import('aks-service-connector').Finding} Finding
 */

/**
 * What an error carries besides its code and message (each absent one is `null` or empty).
 * @typedef {object} ProvisionErrorDetails
 * @property {unknown} [cause]
 * @property {string | null | undefined} [field]
 * @property {Finding[] | undefined} [findings]
 * @property {string[] | undefined} [missing]
 * @property {number | null | undefined} [status]
 * @property {string | null | undefined} [armCode]
 * @property {string | null | undefined} [armMessage]
 * @property {ProvisionStep | null | undefined} [step]
 * @property {ProvisionStep[] | undefined} [steps]
 * @property {ProvisionDiagnosis | null | undefined} [diagnosis]
 * @property {ExtensionState | null | undefined} [extension]
 */

/** The error every function of this module throws: a stable `code` to branch on, and the context. */
export class ProvisionError extends Error {
  /**
   * @param {ProvisionErrorCode} code
   * @param {string} message
   * @param {ProvisionErrorDetails} [details]
   */
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
    this.diagnosis = details.diagnosis ?? null;
    this.extension = details.extension ?? null;
  }
}

/**
 * True when `e` was thrown by this module.
 * @param {unknown} e
 * @returns {e is ProvisionError}
 */
export function isProvisionError(e) {
  return e instanceof ProvisionError;
}
