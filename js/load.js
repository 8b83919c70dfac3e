// What both entries (the core and `./classify`) offer on top of their wasm-bindgen glue:
// `init` / `initSync` that accept the argument shapes people pass, and the error guard.
// Not published as a file: .ci/build-wasm links it into each glue (tools/link-entry.mjs),
// so that a page fetches one script per entry.

/**
 * Wraps a glue's `init` and `initSync`. `init(source)` takes a URL (string or `URL`) of the
 * `.wasm` file, a `Response`, bytes or a `WebAssembly.Module`, or nothing (the `.wasm` next
 * to the glue is fetched); `initSync(bytes)` takes bytes or a compiled module. Calling either
 * again returns at once.
 */
export function loaders(wbgInit, wbgInitSync) {
  async function init(source) {
    if (source === undefined || source === null) {
      return wbgInit();
    }
    if (typeof source === 'object' && 'module_or_path' in source) {
      return wbgInit(source);
    }
    return wbgInit({ module_or_path: source });
  }
  function initSync(bytes) {
    if (bytes !== null && typeof bytes === 'object' && 'module' in bytes) {
      return wbgInitSync(bytes);
    }
    return wbgInitSync({ module: bytes });
  }
  return { init, initSync };
}

/** True when `e` is an error thrown by this package (it has a string `code`). */
export function isServiceConnectorError(e) {
  return e instanceof Error && typeof e.code === 'string' && Array.isArray(e.findings);
}
