// Serves the built designer (Vite's output in target/www, `bash .ci/serve` builds it) on
// 127.0.0.1 with the strict CSP it must survive in a VS Code webview or a portal iframe: no
// inline code, wasm compiled under 'wasm-unsafe-eval', connections only to the page's origin
// and, for provisioning, Azure Resource Manager and Microsoft Entra sign-in.
// Usage: node www/serve.mjs [port]   (default 8080; 0 picks a free port)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(fileURLToPath(new URL('.', import.meta.url)));
/** Where `vite build` (www/vite.config.mjs) writes the page. */
export const BUILD_DIR = resolve(here, '..', 'target', 'www');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Where provisioning talks to: ARM, and Entra for the browser sign-in (popup, silent renewal). */
const ARM = 'https://management.azure.com';
const LOGIN = 'https://login.microsoftonline.com';

/** The page's Content-Security-Policy; `extraConnect` adds origins to `connect-src` (tests only). */
export function csp(extraConnect = []) {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `connect-src 'self' ${[ARM, LOGIN, ...extraConnect].join(' ')}`,
    `frame-src ${LOGIN}`,
    "style-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
export const CSP = csp();

/** The meta tag through which a test server hands the page its fake ARM (see `start`). */
export const TEST_ARM_META = 'aks-sc-test-arm';

/**
 * Starts the server. `root` is the built page (default `target/www`). `testArm`, an origin, is
 * for tests only (no command-line flag sets it): the page is served with
 * `<meta name="aks-sc-test-arm" content="<origin>">`, which makes its Provision tab send ARM
 * requests to that origin with a stub credential instead of signing in, and the CSP lets the
 * page reach it.
 */
export function start(port = 8080, { root = BUILD_DIR, testArm = null } = {}) {
  const policy = csp(testArm ? [testArm] : []);
  const base = { 'content-security-policy': policy, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
  const fail = (res, status, text, extra = {}) => {
    res.writeHead(status, { ...base, 'content-type': 'text/plain; charset=utf-8', ...extra }).end(`${text}\n`);
  };
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
      let path;
      try {
        path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
      } catch {
        return fail(res, 400, 'bad request: malformed URL');
      }
      if (path.includes('\0')) return fail(res, 400, 'bad request: NUL in path');
      const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
      // Refuse anything that normalises outside the root (`..` segments).
      if (!file.startsWith(root + sep)) return fail(res, 403, 'forbidden');
      let body;
      try {
        body = await readFile(file);
      } catch (e) {
        return e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'ENOTDIR' ? fail(res, 404, 'not found') : fail(res, 500, 'read error');
      }
      if (testArm && extname(file) === '.html') {
        const meta = `<meta name="${TEST_ARM_META}" content="${encodeURI(testArm)}">`;
        body = Buffer.from(body.toString('utf8').replace('<head>', `<head>\n  ${meta}`));
      }
      res.writeHead(200, { ...base, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      // Whatever happens, this request fails alone: the server keeps serving.
      if (!res.headersSent) fail(res, 500, 'internal error');
      else res.destroy();
    }
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await start(Number(process.argv[2] ?? 8080));
  console.log(`connection designer: http://127.0.0.1:${server.address().port}/`);
}
