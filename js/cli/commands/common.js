// Options and checks more than one command shares.
import { UsageError } from '../errors.js';

export const STRICT = { type: 'boolean', help: 'exit 1, printing and writing nothing, when the output still holds placeholders (listed on stderr)' };
export const OUT = { type: 'string', value: 'DIR', help: 'write one file per part under DIR (created) instead of printing; says each file on stderr' };

export function oneOf(flag, value, allowed) {
  if (value !== undefined && !allowed.includes(value)) {
    throw new UsageError(`--${flag}: expected ${allowed.join(' or ')}, found '${value}'`);
  }
  return value;
}
