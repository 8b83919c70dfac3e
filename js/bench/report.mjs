// Prints the one markdown table of .ci/bench from what the benchmarks left behind: criterion's
// estimates (native), node.json (Node), chromium.json and coldstart.json (Chromium), sizes.json
// and machine.json.
// Budgets are the product's (docs/benchmarks.md); a time over budget is reported as `over`, never made an error.
//
// Usage: node js/bench/report.mjs <results dir> <criterion dir>
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { JS_YAML, fasterJsYaml } from './throughput.mjs';

const [dir, criterionDir] = process.argv.slice(2);
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const sizes = read('sizes.json');
const machine = read('machine.json');
const node = read('node.json');
const cold = read('coldstart.json');
const chromium = existsSync(join(dir, 'chromium.json')) ? read('chromium.json') : null;

/** Criterion's median of one benchmark, in microseconds; null when it did not run. */
function native(id) {
  const file = join(criterionDir, id, 'new', 'estimates.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')).median.point_estimate / 1e3;
}

const us = (v) => {
  if (v === null || v === undefined) return 'not run';
  if (v >= 1e6) return `${(v / 1e6).toFixed(2)} s`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(2)} ms`;
  return `${v.toFixed(1)} µs`;
};
const ms = (v) => `${v.toFixed(1)} ms`;
const bytes = (n) => `${n.toLocaleString('en-US')} B`;
const x = (r) => `${r.toFixed(2)}×`;
const status = (ok) => (ok === null ? '—' : ok ? 'within' : '**over**');

const rows = [];
const row = (metric, value, budget = '—', ok = null) => rows.push([metric, value, budget, status(ok)]);

const GZ_BUDGET = 180 * 1024;
for (const [name, label] of [['core', 'core `.wasm` (catalog, validate, render, preview, plan)'], ['classify', 'classifier `.wasm`'], ['cluster', 'cluster `.wasm` (drift, wire)']]) {
  const s = sizes[name];
  row(`${label} raw`, bytes(s.raw));
  row(`${label} gzip -9`, bytes(s.gzip), `≤ ${bytes(GZ_BUDGET)} (180 KB)`, s.gzip <= GZ_BUDGET);
  row(`${label} brotli -q 11`, bytes(s.brotli));
}

const auths = Object.keys(node.render);
for (const a of auths) row(`native render, one connection: ${a}`, us(native(`render/one/${a}`)));
// The catalog benchmark's id is its spec count (render/catalog/388).
const catalogDir = join(criterionDir, 'render', 'catalog');
const catalogId = existsSync(catalogDir) ? (readdirSync(catalogDir).find((d) => /^\d+$/.test(d)) ?? null) : null;
if (catalogId) row(`native render, whole catalog (${catalogId} specs)`, us(native(`render/catalog/${catalogId}`)));
const plans = auths.map((a) => native(`plan/one/${a}`)).filter((v) => v !== null);
if (plans.length) row(`native plan, one connection (${plans.length} auth ids, min–max)`, `${us(Math.min(...plans))} – ${us(Math.max(...plans))}`);
row('native classify 1 KB error', us(native('classify/error-1KB')));
const c1m = native('classify/log-1MiB-error-at-end');
row('native classify 1 MiB log, error at end', us(c1m), '≤ 5 ms', c1m === null ? null : c1m <= 5000);
row('native classify 16 MiB log', us(native('classify/log-16MiB')));
for (const a of ['escaped-json-12', 'long-line-1MiB', 'near-miss']) row(`native classify adversarial: ${a}`, us(native(`classify/${a}`)));

// Render throughput, Node then Chromium: per auth id the wasm preview and render against the
// hand-written baselines, the ratios taken against the faster js-yaml of the same row.
const PREVIEW_BUDGET = 0.5;
for (const [where, results] of [['Node', node.render], ['Chromium', chromium?.render]]) {
  if (!results) {
    row(`${where} render throughput`, 'not run');
    continue;
  }
  for (const a of Object.keys(results)) {
    const r = results[a];
    const fast = fasterJsYaml(r);
    row(`${where} ${a}: preview / render / ${JS_YAML.join(' / ')} / yaml / JSON.stringify`,
      [r['wasm preview'], r['wasm render'], ...JS_YAML.map((n) => r[n]), r.yaml, r['JSON.stringify']]
        .map((m) => us(m.median)).join(' / '));
    const p = r['wasm preview'].median / fast.median;
    row(`${where} ${a}: preview / ${fast.name} (the faster js-yaml)`, x(p), `≤ ${x(PREVIEW_BUDGET)} (aim 0.20×)`, p <= PREVIEW_BUDGET);
    const full = r['wasm render'].median / fast.median;
    row(`${where} ${a}: render / ${fast.name}`, x(full), '≤ 1.00×', full <= 1);
  }
}

// Where the time of one render goes (Node, workload identity), from the parts JavaScript can
// time on their own; natively, criterion's stages.
const wi = node.render['workload-identity'];
const m = (name) => wi[name]?.median;
if (m('wasm validate') !== undefined) {
  row('Node breakdown (workload-identity): spec in + policy (wasm `validate`)', us(m('wasm validate')));
  row('  of which `JSON.stringify(spec)` in JavaScript', us(m('JSON.stringify(spec)')));
  row('Node breakdown: objects, trees, YAML and the preview result (preview − validate)', us(m('wasm preview') - m('wasm validate')));
  row('Node breakdown: the objects as JSON and `JSON.parse` of the result (render − preview)', us(m('wasm render') - m('wasm preview')));
  row('  of which `JSON.parse` of the render result text alone', us(m('JSON.parse(render result)')));
}
for (const [id, label] of [['spec-json-in', 'spec JSON in (serde_json)'], ['policy', 'policy (validate)'],
  ['render', 'render (policy, objects, trees, YAML)'], ['yaml-writing', 'YAML writing alone'], ['objects-json-out', 'objects as JSON text alone']]) {
  row(`native stage (workload-identity): ${label}`, us(native(`stages/${id}`)));
}
for (const [name, label] of [['error-1KB', '1 KB error'], ['log-1MiB-error-at-end', '1 MiB log, error at end']]) {
  const r = node.classify[name];
  const ratio = r.wasm.median / r.RegExp.median;
  const budgeted = name !== 'error-1KB';
  row(`Node classify ${label}: wasm / RegExp baseline`, `${us(r.wasm.median)} / ${us(r.RegExp.median)} = ${x(ratio)}`,
    budgeted ? '< 1.00× (faster)' : '—', budgeted ? ratio < 1 : null);
}
if (node.accuracy) {
  const a = node.accuracy;
  row(`classify: labelled category hit on tests/fixtures/errors (${a.files} files), wasm / RegExp`, `${a.wasm} / ${a.RegExp}`);
}
const { settled, immediate } = cold;
row(`Chromium cold start (entry + .wasm fetch, compile, instantiate, first render), median of ${settled.loads} fresh contexts, page settled ${settled.settleMs} ms`,
  ms(settled.total), '≤ 30 ms', settled.total <= 30);
row('  of which entry import / init (fetch + compile + instantiate) / first render',
  `${ms(settled.entry)} / ${ms(settled.init)} / ${ms(settled.render)}`);
row(`  the same right after navigation (the new window's own start-up shares the 2 cores), median of ${immediate.loads}`,
  `${ms(immediate.total)} (${ms(immediate.entry)} / ${ms(immediate.init)} / ${ms(immediate.render)})`);

const out = [
  `Machine: ${machine.nproc} cores, ${machine.cpu}, ${machine.node}, ${machine.rustc}; load average ${machine.load} at the start; ${machine.date}.`,
  '',
  '| Metric | Value | Budget | Status |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];
console.log(out.join('\n'));
