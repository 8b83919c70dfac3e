// Builds the designer into target/www: index.html's entry (core + form + preview + plan), and the
// Troubleshoot (classifier), Provision (Azure SDK), Drift (cluster module, YAML parser) and Wire
// (cluster module) panels as chunks fetched when first opened.
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default {
  root: here,
  // Relative URLs: the same build runs at any path (a VS Code webview, a portal iframe).
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../target/www', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    // No inline polyfill or preload helper: the CSP has no 'unsafe-inline'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
};
