// Reading the files named by flags: as streams until they end (a slow pipe is waited for),
// and no further than the module's cap for them (`limits`): `--spec /dev/zero` stops there.
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { InvalidError, UsageError, fsReason } from './errors.js';
import { NAME, err, sc } from './io.js';
import { parseYaml } from './yaml.js';

/** The module's cap for an input (`spec`, `context`, `text`): its whole-text row of `limits()`. */
export function capOf(input) {
  const row = sc.limits().find((c) => c.input === input && (c.measure === 'jsonBytes' || c.measure === 'truncatedBytes'));
  return row.max;
}

/**
 * Reads a file named by a flag (`-` is standard input) as a stream until it ends, so a
 * pipe whose writer is slower than this process is waited for. Stops one byte past
 * `cap`: beyond it the input is refused, or with `truncate` handed on cut (the
 * classifier marks its diagnosis truncated). A file that cannot be read is a usage error.
 */
export async function readInput(flag, path, cap, { truncate = false } = {}) {
  if (path === '-' && process.stdin.isTTY) err('reading from standard input (end with Ctrl-D)\n');
  const chunks = [];
  let size = 0;
  try {
    const stream = path === '-' ? process.stdin : createReadStream(path);
    for await (const chunk of stream) {
      chunks.push(chunk);
      size += chunk.length;
      // Leaving the loop destroys the stream: nothing more is read.
      if (size > cap) break;
    }
  } catch (e) {
    throw new UsageError(`--${flag}: cannot read ${path === '-' ? 'standard input' : `'${path}'`}: ${fsReason(e)}`);
  }
  const bytes = Buffer.concat(chunks, size);
  if (bytes.length > cap && !truncate) {
    throw new InvalidError(`--${flag}: input-too-large: expected at most ${cap} bytes, found more (see '${NAME} limits')`);
  }
  return bytes.subarray(0, cap + 1).toString('utf8');
}

/** Reads a JSON file named by `--flag`; `what` says what it should hold. */
export async function readJson(flag, path, what, input) {
  return parseJson(flag, await readInput(flag, path, capOf(input)), what);
}

function parseJson(flag, text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new InvalidError(`--${flag}: expected ${what}, found invalid JSON (${e.message})`);
  }
}

/**
 * Which syntax a spec file is in: by its extension (`.json`; `.yaml`, `.yml`), else by its
 * content (standard input, other names): JSON when it starts with `{` or `[`, else YAML.
 */
export function specSyntax(path, text) {
  const ext = path === '-' ? '' : extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}

/** Reads the connection spec named by `--flag`, in JSON or YAML, within the spec's cap. */
export async function readSpec(flag, path) {
  // A byte order mark, as some Windows editors write, is not part of either syntax.
  const text = (await readInput(flag, path, capOf('spec'))).replace(/^\uFEFF/, '');
  return specSyntax(path, text) === 'json'
    ? parseJson(flag, text, 'a JSON connection spec')
    : parseYaml(flag, text);
}
