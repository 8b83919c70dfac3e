// Node entry (the `node` export condition): the module is ready on import, initialised
// synchronously from the .wasm bytes next to the default entry (Node's fetch cannot read
// file: URLs). The default entry is the wasm-bindgen glue with our wrappers linked in
// (tools/link-entry.mjs).
import { readFileSync } from 'node:fs';
import { initSync } from './pkg/aks_service_connector.js';

initSync(readFileSync(new URL('./pkg/aks_service_connector_bg.wasm', import.meta.url)));

export * from './pkg/aks_service_connector.js';
export { default } from './pkg/aks_service_connector.js';
