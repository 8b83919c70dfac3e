// @ts-check
// Bounded, abortable waiting: every wait of the shell goes through here, so that the caller's
// AbortSignal stops it at once and a deadline turns an endless wait into a `timeout`.

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts.
 * @param {number} ms
 * @param {AbortSignal | null | undefined} [signal]
 * @returns {Promise<void>}
 */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The reason a deadline aborts with, so that it can be told apart from the caller's abort. */
export class DeadlineExceeded extends Error {
  /** @param {number} ms */
  constructor(ms) {
    super(`no result within ${ms} ms`);
    this.name = 'DeadlineExceeded';
    this.ms = ms;
  }
}

/**
 * @typedef {object} Deadline
 * @property {AbortSignal} signal aborts at the deadline or with the parent
 * @property {number} ms
 * @property {() => boolean} expired true when the deadline (not the parent) ended the work
 * @property {() => void} dispose
 */

/**
 * A signal that aborts when `parent` aborts (with its reason) or after `ms` (with a
 * DeadlineExceeded). Call `dispose()` when the bounded work is over.
 */
/**
 * @param {number} ms
 * @param {AbortSignal | null | undefined} parent
 * @returns {Deadline}
 */
export function deadline(ms, parent) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onAbort, { once: true });
  const timer = Number.isFinite(ms) ? setTimeout(() => controller.abort(new DeadlineExceeded(ms)), ms) : null;
  return {
    signal: controller.signal,
    ms,
    /** True when the deadline (not the parent) ended the work. */
    expired: () => controller.signal.aborted && controller.signal.reason instanceof DeadlineExceeded,
    dispose: () => {
      if (timer !== null) clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
  };
}
