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
// An `inline_js` snippet: a module of exported functions that imports nothing, imported by
// the glue at its top as `import { f, g } from './snippets/<crate>-<hash>/inlineN.js';` and,
// for the functions the module calls directly, as `import * as importN from "…";`. Each
// snippet becomes a closure (its own variables stay its own) whose functions are declared
// where the imports were, and each namespace import a plain object of them.
const SNIPPET_IMPORT = /^import (?:\{ ([\w, ]+) \}|\* as (\w+)) from (['"])(\.\/snippets\/[\w.-]+\/inline\d+\.js)\3;?$/;
const SNIPPETS_MARK = '// ---- snippets';
const snippets = new Map();
const namespaces = [];
const kept = [];
for (const line of glue.split('\n')) {
  const m = SNIPPET_IMPORT.exec(line);
  if (!m) {
    kept.push(line);
    continue;
  }
  const [, names, namespace, , path] = m;
  if (!snippets.has(path)) {
    const file = join(dirname(gluePath), path);
    const source = readFileSync(file, 'utf8');
    if (/^\s*import\b/m.test(source)) fail(`expected ${path} to import nothing`);
    const exported = [...source.matchAll(/^export\s+function\s+(\w+)/gm)].map((e) => e[1]);
    snippets.set(path, { file, source, exported });
  }
  const { exported } = snippets.get(path);
  const missing = (names ? names.split(', ') : []).filter((name) => !exported.includes(name));
  if (missing.length > 0) {
    fail(`expected ${path} to export the functions ${missing.join(', ')}, found ${exported.join(', ') || 'none'}`);
  }
  if (namespace) namespaces.push([namespace, exported]);
  // The snippets go where the first of these imports was.
  if (!kept.includes(SNIPPETS_MARK)) kept.push(SNIPPETS_MARK);
}
const declared = [...snippets.values()].flatMap((x) => x.exported);
for (const name of declared) {
  if (new RegExp(`^(?:export\\s+)?(?:async\\s+)?(?:function|const|let|var|class)\\s+${name}\\b`, 'm').test(kept.join('\n'))) {
    fail(`${gluePath} already declares \`${name}\`, a function of a snippet`);
  }
}
const blocks = [...snippets].map(([path, { source, exported }]) => {
  const body = source.replace(/^export\s+function/gm, 'function').trim();
  const list = exported.join(', ');
  return `// ${path}, linked by tools/link-entry.mjs\nconst { ${list} } = (() => {\n${body}\nreturn { ${list} };\n})();`;
});
for (const [namespace, exported] of namespaces) blocks.push(`const ${namespace} = { ${exported.join(', ')} };`);
const at = kept.indexOf(SNIPPETS_MARK);
if (at >= 0) kept.splice(at, 1, ...blocks);
glue = kept.join('\n');
const snippetDirs = new Set([...snippets.values()].map((x) => dirname(x.file)));
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
