// Shared paths and helpers of the node:test suites.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const JS_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));
export const ROOT_README = fileURLToPath(new URL('../../README.md', import.meta.url));
export const JS_README = fileURLToPath(new URL('../README.md', import.meta.url));

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

/**
 * The code of the first ```lang block of a Markdown file that contains `marker`; fails the test
 * when there is none, so a README cannot lose an example its test runs.
 */
export function markdownBlock(path, lang, marker) {
  const text = readFileSync(path, 'utf8');
  const found = [...text.matchAll(/```(\w+)\n([\s\S]*?)```/g)].find((m) => m[1] === lang && m[2].includes(marker));
  assert.ok(found, `${path} has a ${lang} block with ${marker}`);
  return found[2];
}
