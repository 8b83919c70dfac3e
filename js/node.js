// Node entry (the `node` export condition): the module is ready on import, initialised
// synchronously from the .wasm bytes next to this file (Node's fetch cannot read file: URLs).
import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync(readFileSync(new URL('./pkg/aks_service_connector_bg.wasm', import.meta.url)));

export * from './index.js';
export { default } from './index.js';
