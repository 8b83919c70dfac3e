// Chromium cold start of the package: fetch of the entry and the .wasm, compile, instantiate
// and the first render, timed in the page with performance.now(). Each load gets a new
// browser context: a new renderer process and an empty in-memory HTTP cache, so nothing
// fetched or compiled is reused (the page checks that both files came over the network).
// No extra CDP session: disabling the cache through one also turned on request
// instrumentation (initiator stack traces) on the measured path, and a new context's
// cache is empty anyway. One discarded load first warms the browser process itself, not the
// page. Figures, never assertions.
//
// Two series. "Settled" (the budget's figure): the page waits --settle ms after it runs before
// it imports the package, as a page that loads the package on demand does. Right after a
// context opens, the browser's own work for the new window competes for this machine's two
// cores (seen in traces: the window's omnibox WebUI renderer busy for ~0.5 s on both cores, a
// spare renderer process initialising V8); that work is the browser's, not the package's.
// "Right after navigation": the same without waiting, reported beside it.
//
// Usage: node js/bench/coldstart.bench.mjs [--loads 20] [--settle 1000] [--json out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { JS_DIR } from '../test/helpers.js';
import { launch } from '../test/browser.js';
import { BLOB_WI_SPEC } from './baseline.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const loads = Number(option('--loads', 20));
const settle = Number(option('--settle', 1000));
const jsonOut = option('--json', null);

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>cold start</title></head>
<body><script type="module" src="/bench.js"></script></body></html>`;

// The package is imported dynamically so that the entry's fetch and parse fall inside the
// measured span. The page reports through the console: waiting with waitForFunction or
// evaluate would inject Playwright's ~330 KB utility script into the page mid-span, whose
// parse (~20 ms on the main thread, seen in a trace) would be timed as the package's.
const BENCH = `
const settle = Number(new URLSearchParams(location.search).get('settle'));
await new Promise((resolve) => setTimeout(resolve, settle));
const t0 = performance.now();
try {
  const sc = await import('/aks-service-connector/pkg/aks_service_connector.js');
  const t1 = performance.now();
  await sc.init();
  const t2 = performance.now();
  const yaml = sc.render(${JSON.stringify(BLOB_WI_SPEC)}).yaml;
  const t3 = performance.now();
  if (!yaml.includes('kind: Job')) throw new Error('no Job rendered');
  for (const file of ['aks_service_connector.js', 'aks_service_connector_bg.wasm']) {
    const entry = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/' + file));
    if (!entry || entry.transferSize === 0) throw new Error(file + ' was not fetched over the network');
  }
  console.log('coldstart:result', JSON.stringify({ total: t3 - t0, entry: t1 - t0, init: t2 - t1, render: t3 - t2 }));
} catch (e) {
  console.log('coldstart:error', String(e));
}
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Everything the page loads, read once: a disk read per request would time the server's file
// system, not the browser. Only the files the default entry loads (fetching others is a 404).
const JS = 'text/javascript; charset=utf-8';
const files = {
  '/': ['text/html; charset=utf-8', PAGE],
  '/bench.js': [JS, BENCH],
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

/** Median of each timing over `loads` fresh contexts, the page waiting `settleMs` first. */
async function series(browser, settleMs) {
  const samples = [];
  for (let i = 0; i <= loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const reported = new Promise((resolve) => page.on('console', (m) => {
      const [tag, ...rest] = m.text().split(' ');
      if (tag === 'coldstart:result') resolve({ result: rest.join(' ') });
      if (tag === 'coldstart:error') resolve({ error: rest.join(' ') });
    }));
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('cold start page reported nothing in 15 s')), 15000 + settleMs);
    });
    try {
      await page.goto(`${server.origin}/?settle=${settleMs}`, { waitUntil: 'commit' });
      const data = await Promise.race([reported, timeout]);
      if (data.error || pageErrors.length) throw new Error(`cold start page failed: ${data.error ?? pageErrors.join('; ')}`);
      if (i > 0) samples.push(JSON.parse(data.result));
      if (process.env.BENCH_VERBOSE) console.log(settleMs, data.result);
    } finally {
      clearTimeout(timer);
      await context.close();
    }
  }
  const result = Object.fromEntries(['total', 'entry', 'init', 'render'].map((k) => [k, median(samples.map((s) => s[k]))]));
  const totals = samples.map((s) => s.total);
  return { ...result, loads: samples.length, settleMs, min: Math.min(...totals), max: Math.max(...totals) };
}

const browser = await launch();
let settled;
let immediate;
try {
  settled = await series(browser, settle);
  immediate = await series(browser, 0);
} finally {
  await browser.close();
  await server.close();
}

const line = (r) => `${r.total.toFixed(1)} ms (entry import ${r.entry.toFixed(1)} ms, init: fetch + compile +`
  + ` instantiate ${r.init.toFixed(1)} ms, first render ${r.render.toFixed(1)} ms; min ${r.min.toFixed(1)},`
  + ` max ${r.max.toFixed(1)})`;
console.log(`Chromium cold start, median of ${settled.loads} fresh contexts, page settled ${settle} ms: ${line(settled)}`);
console.log(`Chromium cold start, median of ${immediate.loads} fresh contexts, right after navigation: ${line(immediate)}`);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ settled, immediate }, null, 2)}\n`);
