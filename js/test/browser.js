// Browser test helpers: a static server with a chosen CSP header, and the system Chromium
// driven by playwright-core (no browser download).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
};

/**
 * Serves `routes` (URL prefix → directory) on 127.0.0.1 with `headers(origin)` on every
 * response; `pages` maps exact paths to literal HTML/JS bodies.
 */
export async function serve({ routes = {}, pages = {}, headers = () => ({}) }) {
  const server = createServer(async (req, res) => {
    const origin = `http://${req.headers.host}`;
    const path = decodeURIComponent(new URL(req.url, origin).pathname);
    const extra = headers(origin);
    if (path in pages) {
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? TYPES['.html'], ...extra });
      return res.end(pages[path]);
    }
    for (const [prefix, dir] of Object.entries(routes)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(normalize(dir))) break;
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...extra });
        return res.end(body);
      } catch {
        break;
      }
    }
    res.writeHead(404, extra);
    res.end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Opens `url` and waits until the page sets `data-result` or `data-error` on <body>;
 * returns both, the page errors and the console errors.
 */
export async function openAndWait(browser, url) {
  const page = await browser.newPage();
  const pageErrors = [];
  const consoleErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction(() => document.body && ('result' in document.body.dataset || 'error' in document.body.dataset), null, { timeout: 15000 });
  const data = await page.evaluate(() => ({ ...document.body.dataset }));
  await page.close();
  return { result: data.result && JSON.parse(data.result), error: data.error, pageErrors, consoleErrors };
}
