// Types of the package entries. The functions and every input and output type are
// generated from the Rust types by wasm-bindgen and tsify (./pkg/aks_service_connector.d.ts).
// Local declarations below (init, initSync, default) shadow the glue's own, as the wrappers
// linked into the published entry do (js/load.js, tools/link-entry.mjs).
// `classify` is in `aks-service-connector/classify` (./classify.d.ts), `drift` and `wire` in
// `aks-service-connector/cluster` (./cluster.d.ts).
export * from './pkg/aks_service_connector.js';

import type { ServiceConnectorError } from './pkg/aks_service_connector.js';

/** What `init` accepts: a URL of the `.wasm` file, a `Response`, bytes or a compiled module. */
export type InitInput =
  | RequestInfo
  | URL
  | Response
  | BufferSource
  | WebAssembly.Module;

/** What `init` of either module takes (nothing: the `.wasm` file next to the package). */
export type InitSource =
  | InitInput
  | Promise<InitInput>
  | { module_or_path: InitInput | Promise<InitInput> }
  | null;

/** What `initSync` of either module takes. */
export type InitSyncSource = BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module };

/**
 * Loads the module asynchronously (browsers, bundlers). Without an argument the `.wasm` file
 * next to the package is fetched. In Node the package is ready on import and this is a no-op.
 */
export function init(source?: InitSource): Promise<unknown>;

/** Loads the module synchronously from its bytes or a compiled `WebAssembly.Module`. */
export function initSync(bytes: InitSyncSource): unknown;

/** True when `e` was thrown by this package: narrows to `ServiceConnectorError`. */
export function isServiceConnectorError(e: unknown): e is ServiceConnectorError;

export default init;
