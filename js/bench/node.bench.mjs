// Node benchmark: the wasm `preview`, `render` and `classify` against the hand-written
// JavaScript baselines of ./baseline.mjs, in one process. Render: ./throughput.mjs, which the
// Chromium bench runs too. Classify: implementations alternate in rounds (the order rotates
// each round) so that JIT tiers, GC and CPU frequency drift hit them alike; every call is
// timed on its own and medians are reported. Figures, never assertions.
//
// Usage: node js/bench/node.bench.mjs [--quick] [--json out.json]
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as sc from 'aks-service-connector';
import { classify } from 'aks-service-connector/classify';
import {
  ERROR_1K, SPECS, classifyRegExp, logWith, parseAll, serialisers,
} from './baseline.mjs';
import { runRender, summary } from './throughput.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

// Keeps results observable so no call can be optimised away.
let sink = 0;

/**
 * Times `impls` ([name, fn] pairs, each fn returning a string) in alternating rounds.
 * Returns { name: { median, p10, p90, n } } in microseconds.
 */
function measure(impls, { warmup, rounds, perRound }) {
  for (const [, fn] of impls) for (let i = 0; i < warmup; i++) sink += fn().length;
  const times = impls.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < impls.length; j++) {
      const k = (j + r) % impls.length;
      const fn = impls[k][1];
      const t = times[k];
      for (let i = 0; i < perRound; i++) {
        const t0 = process.hrtime.bigint();
        const out = fn();
        const t1 = process.hrtime.bigint();
        sink += out.length;
        t.push(Number(t1 - t0) / 1e3);
      }
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

const scale = quick ? 0.2 : 1;
const plan = (warmup, rounds, perRound) => ({
  warmup: Math.ceil(warmup * scale), rounds: Math.max(3, Math.ceil(rounds * scale)), perRound,
});

// Apples to apples first: every baseline parses to exactly the objects wasm renders, and the
// preview is render's YAML.
for (const [auth, spec] of Object.entries(SPECS)) {
  const yaml = sc.render(spec).yaml;
  assert.equal(sc.preview(spec).yaml, yaml, `preview differs from render for ${auth}`);
  const wasm = parseAll(yaml);
  for (const [name, serialise] of Object.entries(serialisers)) {
    assert.deepStrictEqual(parseAll(serialise(spec)), wasm, `${name} baseline differs from wasm for ${auth}`);
  }
}

const results = { render: runRender(sc, () => performance.now(), { quick }), classify: {} };

const inputs = {
  'error-1KB': logWith(1024 - ERROR_1K.length, ERROR_1K),
  'log-1MiB-error-at-end': logWith(1 << 20, ERROR_1K),
};
for (const [name, text] of Object.entries(inputs)) {
  const expected = classify(text).category;
  assert.equal(classifyRegExp(text), expected, `RegExp baseline disagrees with wasm on ${name}`);
  const impls = [
    ['wasm', () => classify(text).category],
    ['RegExp', () => classifyRegExp(text)],
  ];
  results.classify[name] = measure(impls, name === 'error-1KB' ? plan(200, 100, 5) : plan(5, 15, 1));
}

// Context for the classify ratio: how often each picks the labelled category of the fixture
// corpus (the RegExp baseline does less work and is less accurate).
const corpus = new URL('../../tests/fixtures/errors/', import.meta.url);
results.accuracy = { files: 0, wasm: 0, RegExp: 0 };
for (const category of readdirSync(corpus)) {
  if (!statSync(new URL(category, corpus)).isDirectory()) continue;
  const dir = new URL(`${category}/`, corpus);
  for (const file of readdirSync(dir)) {
    // The pasted text follows the `---` line; the header above it names the expected category.
    const raw = readFileSync(new URL(file, dir), 'utf8');
    const cut = raw.indexOf('\n---\n');
    if (cut < 0) continue;
    const text = raw.slice(cut + 5);
    results.accuracy.files += 1;
    if (classify(text).category === category) results.accuracy.wasm += 1;
    if (classifyRegExp(text) === category) results.accuracy.RegExp += 1;
  }
}

const fmt = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
const ratio = (a, b) => (a / b).toFixed(2);
for (const line of summary(results.render, 'Node')) console.log(line);
console.log('classify, median per call:');
for (const [name, r] of Object.entries(results.classify)) {
  console.log(`  ${name.padEnd(22)} wasm ${fmt(r.wasm.median).padStart(9)} | RegExp ${fmt(r.RegExp.median).padStart(9)}`
    + ` | wasm/RegExp ${ratio(r.wasm.median, r.RegExp.median)}`);
}
const acc = results.accuracy;
console.log(`classify accuracy on the fixture corpus (${acc.files} files): wasm ${acc.wasm}, RegExp ${acc.RegExp}`);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
if (sink === 0) console.log('(nothing rendered?)');
