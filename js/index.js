// Default entry (browsers, bundlers, Deno): call `await init()` or `initSync(bytes)` once
// before any other function. The generated glue lives in ./pkg (built by .ci/build-wasm).
// `classify` lives in its own module, `aks-service-connector/classify` (./classify.js), so
// that pages which only render do not download it.
import wbgInit, { initSync as wbgInitSync } from './pkg/aks_service_connector.js';
import { loaders } from './load.js';

// Every export of the glue (catalog, validate, render, plan, version, …), so the entry
// cannot miss one its types declare; the local init and initSync below shadow the glue's.
export * from './pkg/aks_service_connector.js';
export { isServiceConnectorError } from './load.js';

/** Loads the module asynchronously (see `loaders` in ./load.js for what `source` may be). */
export const { init, initSync } = loaders(wbgInit, wbgInitSync);

export default init;
