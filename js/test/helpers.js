// Shared paths and helpers of the node:test suites.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const JS_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

export const BLOB_SPEC = {
  connectionName: 'storage_conn',
  namespace: 'apps',
  target: { type: 'storage-blob', account: 'mystore' },
};

/** Runs the CLI with `args` and optional standard input. */
export function cli(args, input) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input: input ?? '', encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs an ES module snippet in a fresh Node process (a fresh, uninitialised wasm instance). */
export function runModule(source, cwd = JS_DIR) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', source], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
