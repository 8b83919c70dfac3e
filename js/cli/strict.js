// `--strict`: output that still holds placeholders is refused. Which strings are placeholders
// is the module's rule (`placeholders(text)`: `<…>` tokens such as `<client-ID>` or the
// plan's `<cluster.name>`, and the documented example values the renderer would otherwise
// leave in), so the command and the designer agree on it.
import { InvalidError } from './errors.js';
import { sc } from './io.js';

/** `a.b`, `a["x.y/z"]`, `a[0]`: a JSON path as the messages show it. */
function step(path, key) {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/**
 * Every placeholder in `value` (any JSON value): `[{ where, key, placeholder }]`, each
 * once per key. A string of several lines is read line by line (`key line N`), the Bicep
 * text or a SecretProviderClass's `objects`.
 */
export function findPlaceholders(where, value, key = '') {
  const found = [];
  const walk = (v, path) => {
    if (typeof v === 'string') {
      const lines = v.includes('\n') ? v.split('\n') : [v];
      lines.forEach((line, i) => {
        const at = lines.length > 1 ? `${path ? `${path} ` : ''}line ${i + 1}` : path;
        for (const p of new Set(sc.placeholders(line))) found.push({ where, key: at, placeholder: p });
      });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, step(path, i)));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) walk(item, step(path, k));
    }
  };
  walk(value, key);
  return found;
}

/** Throws when `found` is not empty: exit 1, each placeholder and where it is on stderr. */
export function refuse(found) {
  if (found.length === 0) return;
  const lines = found.map((f) => `  ${f.where}${f.key ? ` ${f.key}` : ''}: ${f.placeholder}`);
  throw new InvalidError(`--strict: the output holds ${found.length} placeholder(s); give the inputs they stand for, or the values themselves in the spec's values:\n${lines.join('\n')}`);
}
