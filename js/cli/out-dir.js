// `--out DIR`: the output as files under DIR. Names are made here from a fixed table and
// names the module has checked (DNS-1123), and each is checked to stay inside DIR; files
// are opened without following a symbolic link, so nothing is written outside DIR through
// one. Files may hold secrets (a Secret, the ARM request body): owner-only permissions.
import { closeSync, constants, fchmodSync, lstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { WriteError, fsReason } from './errors.js';
import { err } from './io.js';

/** A file name part made from a module-checked name: lower-case DNS characters only. */
export function safePart(name) {
  if (!/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/.test(name) || name.includes('..')) {
    throw new WriteError(`--out: cannot name a file after '${name}': expected a DNS-1123 name`);
  }
  return name;
}

function mkdir(path) {
  try {
    mkdirSync(path, { recursive: true });
    const st = lstatSync(path);
    if (!st.isDirectory()) throw Object.assign(new Error('not a directory'), { code: st.isSymbolicLink() ? 'ELOOP' : 'ENOTDIR' });
  } catch (e) {
    if (e instanceof WriteError) throw e;
    throw new WriteError(`--out: cannot create directory '${path}': ${fsReason(e)}`);
  }
}

/**
 * Writes `files` (`[{ path, text, mode }]`, paths relative to `dir`, `/`-separated) under
 * `dir`, creating it and the subdirectories; says each file written on stderr.
 */
export function writeFiles(dir, files) {
  const root = resolve(dir);
  mkdir(root);
  for (const f of files) {
    const target = resolve(root, ...f.path.split('/'));
    const rel = relative(root, target);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      throw new WriteError(`--out: refusing to write '${f.path}': outside '${dir}'`);
    }
    const parts = rel.split(/[\\/]/);
    // Each subdirectory is made, then checked to be a directory and not a link out of DIR.
    for (let i = 1; i < parts.length; i++) mkdir(join(root, ...parts.slice(0, i)));
    let fd;
    try {
      fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, f.mode ?? 0o600);
      // An existing file keeps its mode through O_TRUNC: set it again.
      fchmodSync(fd, f.mode ?? 0o600);
      writeSync(fd, f.text);
    } catch (e) {
      throw new WriteError(`--out: cannot write '${join(dir, rel)}': ${fsReason(e)}`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    err(`wrote ${join(dir, rel)}\n`);
  }
}
