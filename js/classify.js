// `aks-service-connector/classify`, default entry: the error classifier, a second module
// loaded on its own (`await init()` or `initSync(bytes)` before `classify`). Kept apart from
// the core so that pages which only render do not download it (issue 6 size budget).
import wbgInit, { initSync as wbgInitSync } from './pkg/aks_service_connector_classify.js';
import { loaders } from './load.js';

export { classify, version } from './pkg/aks_service_connector_classify.js';
export { isServiceConnectorError } from './load.js';

/** Loads the classifier asynchronously (see `loaders` in ./load.js for what `source` may be). */
export const { init, initSync } = loaders(wbgInit, wbgInitSync);

export default init;
