// The benchmarks (js/bench, run by .ci/bench) compare wasm against hand-written JavaScript;
// this proves the comparison is apples to apples: every baseline builds exactly the objects
// wasm renders, and the RegExp classifier agrees on the benchmark's inputs; the Chromium
// cold start bench runs. No timing is asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'aks-service-connector';
import { classify } from 'aks-service-connector/classify';
import {
  ERROR_1K, SPECS, classifyRegExp, logWith, parseAll, serialisers,
} from '../bench/baseline.mjs';
import { JS_DIR } from './helpers.js';

for (const [auth, spec] of Object.entries(SPECS)) {
  test(`render baselines equal wasm: ${auth}`, () => {
    const result = render(spec);
    // No warning-free assumption: the baselines model the objects, not the findings.
    const wasm = parseAll(result.yaml);
    assert.ok(wasm.length >= 2, 'wasm rendered a bundle');
    assert.deepStrictEqual(wasm, result.documents.map((d) => d.object), 'yaml and objects agree');
    for (const [name, serialise] of Object.entries(serialisers)) {
      assert.deepStrictEqual(parseAll(serialise(spec)), wasm, `${name} baseline`);
    }
  });
}

test('the headline bundle is ServiceAccount + Secret + Job', () => {
  assert.deepEqual(render(SPECS['workload-identity']).documents.map((d) => d.kind), ['ServiceAccount', 'Secret', 'Job']);
});

test('RegExp classify baseline agrees with wasm on the benchmark inputs', () => {
  for (const text of [logWith(1024 - ERROR_1K.length, ERROR_1K), logWith(1 << 20, ERROR_1K)]) {
    const expected = classify(text).category;
    assert.equal(expected, 'conflict_cluster_updating');
    assert.equal(classifyRegExp(text), expected);
  }
});

test('the Chromium cold start bench runs end to end and reports both series', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aks-sc-cold-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'cold.json');
  const r = spawnSync(process.execPath, [join(JS_DIR, 'bench', 'coldstart.bench.mjs'), '--loads', '1', '--settle', '5', '--json', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const { settled, immediate } = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(settled.settleMs, 5);
  assert.equal(immediate.settleMs, 0);
  for (const s of [settled, immediate]) {
    assert.equal(s.loads, 1);
    // The parts are consecutive spans of the one measured total.
    assert.ok(s.entry > 0 && s.init > 0 && s.render > 0, JSON.stringify(s));
    assert.ok(Math.abs(s.entry + s.init + s.render - s.total) < 0.5, JSON.stringify(s));
  }
});

test('the Chromium throughput bench runs end to end and reports every implementation', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aks-sc-throughput-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'chromium.json');
  const r = spawnSync(process.execPath, [join(JS_DIR, 'bench', 'chromium.bench.mjs'), '--quick', '--json', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const { render: results } = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(Object.keys(results), Object.keys(SPECS));
  for (const [auth, row] of Object.entries(results)) {
    for (const name of ['wasm preview', 'wasm render', 'js-yaml 4.1.0', 'js-yaml 5.5.0', 'yaml', 'JSON.stringify']) {
      assert.ok(row[name].median > 0, `${auth} ${name}: ${JSON.stringify(row[name])}`);
    }
  }
});
