// Chromium benchmark: ./throughput.mjs (wasm `preview` and `render` against the js-yaml,
// yaml and JSON.stringify baselines) run in a page of the system Chromium, the same code and
// the same specs as the Node benchmark. The page is cross-origin isolated (COOP and COEP
// headers), which gives performance.now() its finest resolution (5 µs); the benchmark times
// batches of calls, so that resolution does not show in the medians. Figures, never
// assertions.
//
// Usage: node js/bench/chromium.bench.mjs [--quick] [--json out.json]
import { writeFileSync } from 'node:fs';
import { JS_DIR, REPO_DIR } from '../test/helpers.js';
import { launch, serve } from '../test/browser.js';
import { summary } from './throughput.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

// The page imports the bench modules as they are; their bare imports resolve here.
const IMPORTS = {
  'aks-service-connector': '/js/pkg/aks_service_connector.js',
  'js-yaml': '/node_modules/js-yaml/dist/js-yaml.mjs',
  'js-yaml-4': '/node_modules/js-yaml-4/dist/js-yaml.mjs',
  yaml: '/node_modules/yaml/browser/index.js',
};
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>render throughput</title>
<script type="importmap">${JSON.stringify({ imports: IMPORTS })}</script></head>
<body><script type="module">
import * as sc from 'aks-service-connector';
import { runRender } from '/js/bench/throughput.mjs';
window.bench = async (options) => {
  await sc.init();
  if (!crossOriginIsolated) throw new Error('the page is not cross-origin isolated');
  return runRender(sc, () => performance.now(), options);
};
window.ready = true;
</script></body></html>`;

const server = await serve({
  pages: { '/': PAGE },
  routes: { '/js/': JS_DIR, '/node_modules/': `${REPO_DIR}node_modules/` },
  headers: () => ({ 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }),
});
const browser = await launch();
let results;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 15000 }).catch(() => {
    throw new Error(`the benchmark page did not load: ${errors.join('; ') || 'no error reported'}`);
  });
  results = await page.evaluate((options) => window.bench(options), { quick });
} finally {
  await browser.close();
  await server.close();
}
for (const line of summary(results, 'Chromium')) console.log(line);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ render: results }, null, 2)}\n`);
