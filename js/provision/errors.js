// The one error type of aks-service-connector/provision.

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
    this.diagnosis = details.diagnosis ?? null;
    this.extension = details.extension ?? null;
  }
}

/** True when `e` was thrown by this module. */
export function isProvisionError(e) {
  return e instanceof ProvisionError;
}
