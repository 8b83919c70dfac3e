// Default entry (browsers, bundlers, Deno): call `await init()` or `initSync(bytes)` once
// before any other function. The generated glue lives in ./pkg (built by .ci/build-wasm).
import wbgInit, { initSync as wbgInitSync } from './pkg/aks_service_connector.js';

// Every export of the glue (catalog, validate, render, plan, classify, version, …), so the
// entry cannot miss one its types declare; the local init and initSync below shadow the glue's.
export * from './pkg/aks_service_connector.js';

/**
 * Loads the module asynchronously. `source` may be a URL (string or `URL`) of the `.wasm`
 * file, a `Response`, bytes, or a `WebAssembly.Module`; by default the `.wasm` file next to
 * this package is fetched. Calling it again returns at once.
 */
export async function init(source) {
  if (source === undefined || source === null) {
    return wbgInit();
  }
  if (typeof source === 'object' && 'module_or_path' in source) {
    return wbgInit(source);
  }
  return wbgInit({ module_or_path: source });
}

/**
 * Loads the module synchronously from its bytes (`ArrayBuffer`, typed array) or a compiled
 * `WebAssembly.Module`. Calling it again returns at once.
 */
export function initSync(bytes) {
  if (bytes !== null && typeof bytes === 'object' && 'module' in bytes) {
    return wbgInitSync(bytes);
  }
  return wbgInitSync({ module: bytes });
}

/** True when `e` is an error thrown by this package (it has a string `code`). */
export function isServiceConnectorError(e) {
  return e instanceof Error && typeof e.code === 'string' && Array.isArray(e.findings);
}

export default init;
