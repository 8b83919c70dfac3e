// Turns a wasm-bindgen `--target web` glue file into the package entry it is published as,
// in place: the glue, then js/load.js (the `init`/`initSync` wrappers and the error guard),
// then the entry's exports. One file per entry, because each extra module a page imports
// before the .wasm costs a serial fetch round (the cold start budget: ~6 ms each in Chromium
// on this machine kind). Fails, rather than guessing, when either input is not shaped as
// expected (wasm-bindgen is pinned, so a change here means its version changed).
//
// Usage: node tools/link-entry.mjs js/pkg/aks_service_connector.js js/load.js
import { readFileSync, writeFileSync } from 'node:fs';

const [gluePath, loadPath] = process.argv.slice(2);
if (!gluePath || !loadPath) {
  console.error('usage: node tools/link-entry.mjs <glue.js> <load.js>');
  process.exit(2);
}

const fail = (message) => {
  console.error(`link-entry: ${message}`);
  process.exit(1);
};

const GLUE_EXPORT = 'export { initSync, __wbg_init as default };';
const LINKED_MARK = '// ---- linked by tools/link-entry.mjs';

const glue = readFileSync(gluePath, 'utf8');
if (glue.includes(LINKED_MARK)) fail(`${gluePath} is already linked (run wasm-bindgen again first)`);
const lines = glue.trimEnd().split('\n');
if (lines.at(-1) !== GLUE_EXPORT) {
  fail(`expected ${gluePath} to end with \`${GLUE_EXPORT}\`, found \`${lines.at(-1)}\``);
}
if (/^import\b/m.test(glue)) fail(`expected ${gluePath} to import nothing (one file per entry)`);

// load.js is an ordinary module (tested on its own); here its two exported functions become
// local declarations of the entry.
const load = readFileSync(loadPath, 'utf8');
const EXPORTED = ['loaders', 'isServiceConnectorError'];
const found = [...load.matchAll(/^export\s+(\S+)\s+(\w+)/gm)].map((m) => `${m[1]} ${m[2]}`);
const expected = EXPORTED.map((name) => `function ${name}`);
if (found.join(', ') !== expected.join(', ')) {
  fail(`expected ${loadPath} to export exactly ${expected.join(', ')}, found ${found.join(', ') || 'nothing'}`);
}
if (/^import\b/m.test(load)) fail(`expected ${loadPath} to import nothing`);
for (const name of [...EXPORTED, '__sc_loaders', '__sc_init', '__sc_initSync']) {
  if (new RegExp(`\\b${name}\\b`).test(glue)) fail(`${gluePath} already declares \`${name}\``);
}

const linked = `${lines.slice(0, -1).join('\n')}
${LINKED_MARK}: ${loadPath.split('/').at(-1)} and the entry's exports ----
${load.replace(/^export\s+function/gm, 'function').trimEnd()}

// The wrappers shadow the glue's own \`init\`/\`initSync\` (see \`loaders\`).
const __sc_loaders = loaders(__wbg_init, initSync);
const __sc_init = __sc_loaders.init;
const __sc_initSync = __sc_loaders.initSync;
export { __sc_init as init, __sc_initSync as initSync, __sc_init as default, isServiceConnectorError };
`;
writeFileSync(gluePath, linked);
