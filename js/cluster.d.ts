// Types of `aks-service-connector/cluster`: `drift` and `wire`, what meets a running cluster, and
// `composeWorkload`, several connections for one workload.
// The functions and their input and output types are generated from the Rust types
// (./pkg/aks_service_connector_cluster.d.ts): `drift(spec, cluster)` returns a `DriftReport`,
// `wire(spec, target)` takes a `WireTarget` and returns a `Wiring`, `composeWorkload(set, options)`
// takes a `WorkloadSet` and returns a `ComposeResult`.
// Local declarations below (init, initSync, default) shadow the glue's own, as the wrappers
// linked into the published entry do (js/load.js, tools/link-entry.mjs).
export * from './pkg/aks_service_connector_cluster.js';

import type { ServiceConnectorError } from './pkg/aks_service_connector_cluster.js';
import type { InitSource, InitSyncSource } from './index.js';

/**
 * Loads the cluster module asynchronously (browsers, bundlers). Without an argument the
 * `.wasm` file next to the package is fetched. In Node it is ready on import.
 */
export function init(source?: InitSource): Promise<unknown>;

/** Loads the cluster module synchronously from its bytes or a compiled `WebAssembly.Module`. */
export function initSync(bytes: InitSyncSource): unknown;

/** True when `e` was thrown by this package: narrows to `ServiceConnectorError`. */
export function isServiceConnectorError(e: unknown): e is ServiceConnectorError;

export default init;
