// Command-line parsing. Node's parseArgs splits the arguments into tokens; the checks are
// made here on the tokens (their kind, name and value), so that every usage error names
// the flag without reading Node's message text.
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

/**
 * Parses `args` against `options` (`{ name: { type: 'string' | 'boolean', short? } }`):
 * the values by option name. An unknown option, a positional argument, a string option
 * without its value and a boolean option given one are usage errors naming the flag.
 * `unknown(rawName)` words the message for an unknown option.
 */
export function parse(args, options, unknown) {
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const values = {};
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      throw new UsageError(`unexpected argument '${t.value}'; options take the form --name VALUE`);
    }
    const def = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (def === undefined) throw new UsageError(unknown(t.rawName));
    if (def.type === 'boolean') {
      if (t.inlineValue) throw new UsageError(`${t.rawName}: takes no value`);
      values[t.name] = true;
    } else {
      // A value that looks like an option is taken for a forgotten value, as Node's
      // strict mode does (`--spec --json`); `--spec=-x` passes one on purpose.
      if (t.value === undefined || (!t.inlineValue && t.value.length > 1 && t.value.startsWith('-'))) {
        throw new UsageError(`${t.rawName}: expected a value`);
      }
      if (def.multiple) (values[t.name] ??= []).push(t.value);
      else values[t.name] = t.value;
    }
  }
  return values;
}

/** One help line per option: `  --name VALUE   help`. */
export function optionLines(options, width = 30) {
  return Object.entries(options)
    .filter(([, def]) => def.help)
    .map(([name, def]) => {
      const flag = def.type === 'string' ? `--${name} ${def.value ?? 'VALUE'}` : `--${name}`;
      return `  ${flag.padEnd(width)}  ${def.help}`;
    });
}

/** `text` in lines of at most `width` characters, broken at spaces, each after `indent`. */
export function wrap(text, width = 100, indent = '') {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(`${indent}${line}`);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(`${indent}${line}`);
  return lines;
}
