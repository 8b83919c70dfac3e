// Turns a wasm-bindgen `--target web` glue file into the package entry it is published as,
// in place: the glue, with the functions of its `inline_js` snippets (`./snippets/…`) put in
// place of their imports, then js/load.js (the `init`/`initSync` wrappers and the error
// guard), then the entry's exports. One file per entry, because each extra module a page imports
// before the .wasm costs a serial fetch round (the cold start budget: ~6 ms each in Chromium
// on this machine kind). Fails, rather than guessing, when either input is not shaped as
// expected (wasm-bindgen is pinned, so a change here means its version changed).
//
// Usage: node tools/link-entry.mjs js/pkg/aks_service_connector.js js/load.js
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

let glue = readFileSync(gluePath, 'utf8');
if (glue.includes(LINKED_MARK)) fail(`${gluePath} is already linked (run wasm-bindgen again first)`);
// An `inline_js` snippet: `import { f, g } from './snippets/<crate>-<hash>/inlineN.js';` at
// the top of the glue, the snippet a module of exported functions that imports nothing. Its
// functions become local declarations where the import was.
const SNIPPET = /^import \{ ([\w, ]+) \} from '(\.\/snippets\/[\w.-]+\/inline\d+\.js)';$/gm;
const snippetDirs = new Set();
glue = glue.replace(SNIPPET, (_, names, path) => {
  const file = join(dirname(gluePath), path);
  const snippet = readFileSync(file, 'utf8');
  if (/^\s*import\b/m.test(snippet)) fail(`expected ${path} to import nothing`);
  const exported = [...snippet.matchAll(/^export\s+function\s+(\w+)/gm)].map((m) => m[1]).sort();
  const wanted = names.split(', ').sort();
  if (exported.join(', ') !== wanted.join(', ')) {
    fail(`expected ${path} to export exactly the functions ${wanted.join(', ')}, found ${exported.join(', ') || 'none'}`);
  }
  snippetDirs.add(dirname(file));
  return `// ${path}, linked by tools/link-entry.mjs\n${snippet.replace(/^export\s+function/gm, 'function').trim()}`;
});
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
// The snippets are in the entry now; nothing imports them.
for (const dir of snippetDirs) {
  rmSync(dir, { recursive: true });
  if (readdirSync(dirname(dir)).length === 0) rmSync(dirname(dir), { recursive: true });
}
