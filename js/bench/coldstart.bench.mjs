// Chromium cold start of the package: fetch of the glue and the .wasm, compile, instantiate
// and the first render, timed in the page with performance.now(). Each load gets a new
// browser context with the HTTP cache disabled, so nothing compiled is reused. One discarded
// load first warms the browser process itself, not the page. Figures, never assertions.
//
// Usage: node js/bench/coldstart.bench.mjs [--loads 20] [--json out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { JS_DIR } from '../test/helpers.js';
import { launch } from '../test/browser.js';
import { BLOB_WI_SPEC } from './baseline.mjs';

const args = process.argv.slice(2);
const loads = args.includes('--loads') ? Number(args[args.indexOf('--loads') + 1]) : 20;
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>cold start</title></head>
<body><script type="module" src="/bench.js"></script></body></html>`;

// Dynamic import so that the glue's fetch and parse fall inside the measured span. The first
// dynamic import of a fresh page costs ~25 ms here whatever it loads (measured with a one-line
// module, also without Playwright, in a fresh profile): the browser's module loader starting up,
// which any page that uses modules has paid before it loads this package. A one-line module
// is imported first so that the span times the package; the warm-up is reported apart.
const BENCH = `
const w0 = performance.now();
await import('/warm-up.js');
const t0 = performance.now();
try {
  const sc = await import('/aks-service-connector/index.js');
  const t1 = performance.now();
  await sc.init();
  const t2 = performance.now();
  const yaml = sc.render(${JSON.stringify(BLOB_WI_SPEC)}).yaml;
  const t3 = performance.now();
  if (!yaml.includes('kind: Job')) throw new Error('no Job rendered');
  document.body.dataset.result = JSON.stringify({ warmUp: t0 - w0, total: t3 - t0, glue: t1 - t0, init: t2 - t1, render: t3 - t2, sinceNavigation: t3 });
} catch (e) {
  document.body.dataset.error = String(e);
}
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Everything the page loads, read once: a disk read per request would time the server's file
// system, not the browser. Only the files the default entry loads (fetching others is a 404).
const JS = 'text/javascript; charset=utf-8';
const files = {
  '/': ['text/html; charset=utf-8', PAGE],
  '/bench.js': [JS, BENCH],
  '/warm-up.js': [JS, 'export const ready = true;\n'],
  '/aks-service-connector/index.js': [JS, readFileSync(`${JS_DIR}index.js`, 'utf8')],
  '/aks-service-connector/load.js': [JS, readFileSync(`${JS_DIR}load.js`, 'utf8')],
  '/aks-service-connector/pkg/aks_service_connector.js': [JS, readFileSync(`${JS_DIR}pkg/aks_service_connector.js`, 'utf8')],
  '/aks-service-connector/pkg/aks_service_connector_bg.wasm': ['application/wasm', readFileSync(`${JS_DIR}pkg/aks_service_connector_bg.wasm`)],
};
// The server runs in a worker thread: on this process's event loop, Playwright's own traffic
// would delay its responses and be timed as the page's fetches.
const SERVER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createServer } = require('node:http');
const files = workerData;
const http = createServer((req, res) => {
  const file = files[new URL(req.url, 'http://x').pathname];
  if (!file) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
});
http.listen(0, '127.0.0.1', () => parentPort.postMessage(http.address().port));
parentPort.on('message', () => http.close(() => process.exit(0)));
`;
const worker = new Worker(SERVER, { eval: true, workerData: files });
const port = await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
const server = {
  origin: `http://127.0.0.1:${port}`,
  close: () => new Promise((r) => { worker.once('exit', r); worker.postMessage('close'); }),
};
const browser = await launch();
const samples = [];
try {
  for (let i = 0; i <= loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => 'result' in document.body.dataset || 'error' in document.body.dataset, null, { timeout: 15000 });
    const data = await page.evaluate(() => ({ ...document.body.dataset }));
    await context.close();
    if (data.error || pageErrors.length) throw new Error(`cold start page failed: ${data.error ?? pageErrors.join('; ')}`);
    if (i > 0) samples.push(JSON.parse(data.result));
    if (process.env.BENCH_VERBOSE) console.log(data.result);
  }
} finally {
  await browser.close();
  await server.close();
}

const result = Object.fromEntries(
  ['warmUp', 'total', 'glue', 'init', 'render', 'sinceNavigation'].map((k) => [k, median(samples.map((s) => s[k]))]),
);
result.loads = samples.length;
result.min = Math.min(...samples.map((s) => s.total));
result.max = Math.max(...samples.map((s) => s.total));
console.log(`Chromium cold start, median of ${samples.length} fresh loads: ${result.total.toFixed(1)} ms`
  + ` (glue import ${result.glue.toFixed(1)} ms, init: fetch + compile + instantiate ${result.init.toFixed(1)} ms,`
  + ` first render ${result.render.toFixed(1)} ms; min ${result.min.toFixed(1)}, max ${result.max.toFixed(1)};`
  + ` ${result.sinceNavigation.toFixed(1)} ms since navigation start; the module loader's warm-up import before it`
  + ` ${result.warmUp.toFixed(1)} ms)`);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
