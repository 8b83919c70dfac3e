// The render throughput benchmark, shared by Node (node.bench.mjs) and Chromium
// (chromium.bench.mjs): the wasm `preview` and `render` against the hand-written baselines of
// ./baseline.mjs, each js-yaml version among them, for one spec per auth id. Runs wherever
// `sc` (the package's exports) and a clock are given; imports nothing of Node.
//
// Implementations alternate in rounds (the order rotates each round) so that JIT tiers, GC,
// CPU frequency drift and the load of other processes hit them alike. A round times a batch
// of 20 calls together and records the mean: a browser's clock is coarse (5 µs even when the
// page is cross-origin isolated), a batch of 20 calls is not. Medians over rounds are
// reported. Figures, never assertions.
import { SPECS, serialisers } from './baseline.mjs';

/** The js-yaml versions the baseline runs with; ratios are taken against the faster. */
export const JS_YAML = ['js-yaml 4.1.0', 'js-yaml 5.5.0'];

// Keeps results observable so no call can be optimised away.
let sink = 0;

/**
 * Times `impls` ([name, fn] pairs, each fn returning a string) in alternating rounds of
 * `batch` calls. Returns { name: { median, p10, p90, n } } in microseconds per call.
 */
export function measure(impls, { warmup, rounds, batch }, now) {
  for (const [, fn] of impls) for (let i = 0; i < warmup; i++) sink += fn().length;
  const times = impls.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < impls.length; j++) {
      const k = (j + r) % impls.length;
      const fn = impls[k][1];
      const t0 = now();
      for (let i = 0; i < batch; i++) sink += fn().length;
      times[k].push(((now() - t0) * 1e3) / batch);
    }
  }
  const stats = {};
  impls.forEach(([name], k) => {
    const s = times[k].sort((a, b) => a - b);
    const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
    stats[name] = { median: at(0.5), p10: at(0.1), p90: at(0.9), n: s.length };
  });
  return stats;
}

/**
 * The implementations of one spec: wasm `preview` and `render` (each returning its YAML, as
 * the baselines do), the baselines, and, for the time breakdown, the parts of the boundary
 * that can be timed on their own from JavaScript.
 */
function implementations(sc, spec, breakdown) {
  const impls = [
    ['wasm preview', () => sc.preview(spec).yaml],
    ['wasm render', () => sc.render(spec).yaml],
    ...Object.entries(serialisers).map(([name, serialise]) => [name, () => serialise(spec)]),
  ];
  if (breakdown) {
    // The JSON texts the module hands over, as JSON.stringify writes them (the same length
    // and escapes as the module's own).
    const previewText = JSON.stringify(sc.preview(spec));
    const renderText = JSON.stringify(sc.render(spec));
    impls.push(
      // The spec crossing (JSON.stringify, the copy into wasm memory, serde_json) and policy.
      ['wasm validate', () => sc.validate(spec)],
      ['JSON.stringify(spec)', () => JSON.stringify(spec)],
      ['JSON.parse(preview result)', () => JSON.parse(previewText).yaml],
      ['JSON.parse(render result)', () => JSON.parse(renderText).yaml],
    );
  }
  return impls;
}

/**
 * Runs the benchmark: { [auth]: stats } with the headline spec (workload identity) measured
 * longer and with the breakdown. `quick` shortens every series (a smoke run, not a figure).
 */
export function runRender(sc, now, { quick = false } = {}) {
  const scale = quick ? 0.1 : 1;
  const plan = (warmup, rounds, batch) => ({
    warmup: Math.ceil(warmup * scale), rounds: Math.max(3, Math.ceil(rounds * scale)), batch,
  });
  const results = {};
  for (const [auth, spec] of Object.entries(SPECS)) {
    const headline = auth === 'workload-identity';
    const impls = implementations(sc, spec, headline);
    results[auth] = measure(impls, headline ? plan(300, 200, 20) : plan(100, 80, 20), now);
  }
  return results;
}

/** The faster js-yaml's median of one row, and which it is. */
export function fasterJsYaml(row) {
  const [name] = JS_YAML.filter((n) => row[n]).sort((a, b) => row[a].median - row[b].median);
  return { name, median: row[name].median };
}

/** Lines for the console: per auth id, the medians and the ratios against the faster js-yaml. */
export function summary(results, where) {
  const fmt = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
  const lines = [`${where}: render (spec in, YAML out), median per call; ratios against the faster js-yaml:`];
  for (const [auth, r] of Object.entries(results)) {
    const fast = fasterJsYaml(r);
    lines.push(`  ${auth.padEnd(18)} preview ${fmt(r['wasm preview'].median).padStart(8)}`
      + ` | render ${fmt(r['wasm render'].median).padStart(8)}`
      + ` | ${JS_YAML.map((n) => `${n} ${fmt(r[n].median).padStart(8)}`).join(' | ')}`
      + ` | yaml ${fmt(r.yaml.median).padStart(8)} | JSON.stringify ${fmt(r['JSON.stringify'].median).padStart(7)}`
      + ` | preview/${fast.name} ${(r['wasm preview'].median / fast.median).toFixed(2)}`
      + ` render/${fast.name} ${(r['wasm render'].median / fast.median).toFixed(2)}`);
  }
  return lines;
}
