// The benchmarks (js/bench, run by .ci/bench) compare wasm against hand-written JavaScript;
// this proves the comparison is apples to apples: every baseline builds exactly the objects
// wasm renders, and the RegExp classifier agrees on the benchmark's inputs. No timing here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'aks-service-connector';
import { classify } from 'aks-service-connector/classify';
import {
  ERROR_1K, SPECS, classifyRegExp, logWith, parseAll, serialisers,
} from '../bench/baseline.mjs';

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
