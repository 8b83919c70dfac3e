// `aks-service-connector/cluster` in Node (the `node` export condition): ready on import,
// initialised synchronously from the .wasm bytes next to this file.
import { readFileSync } from 'node:fs';
import { initSync } from './pkg/aks_service_connector_cluster.js';

initSync(readFileSync(new URL('./pkg/aks_service_connector_cluster_bg.wasm', import.meta.url)));

export * from './pkg/aks_service_connector_cluster.js';
export { default } from './pkg/aks_service_connector_cluster.js';
